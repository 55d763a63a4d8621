// The second half of a group commit: makes committed batches durable and then runs their
// completion callbacks, on a thread of its own, so that the writer thread can already run the
// next batch while the disk syncs this one (see database.h).
//
// With durable set, the writer connection commits with synchronous=NORMAL, which in WAL mode
// writes the frames of each commit to the WAL without waiting for the disk; before a batch is
// acknowledged, one fdatasync of the WAL file covers it and every batch queued with it. That is
// the guarantee synchronous=FULL gives, with the sync shared and off the writer's path.
// SQLite itself still syncs the WAL and the database around every checkpoint, so a WAL that
// is restarted never loses a frame that was acknowledged.
//
// Thread-safe: Add may be called from any thread; Close from one at a time.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vc/core/status.h"

namespace vc::storage {

class Acknowledger {
 public:
  struct Finished {
    std::function<void(const Status&)> done;
    Status status;
  };

  // wal_path: the file to sync before acknowledging; empty when nothing needs syncing
  // (synchronous=NORMAL, or an in-memory database).
  explicit Acknowledger(std::string wal_path);
  ~Acknowledger();  // Close()

  // Queues a batch's callbacks. synced: whether they wait for the next WAL sync (only a
  // batch that committed does; failures are answered without one).
  void Add(std::vector<Finished> batch, bool synced);

  // Runs what is queued, then stops the thread.
  void Close();

  bool OnThisThread() const { return std::this_thread::get_id() == thread_id_; }
  uint64_t syncs() const;
  // Time spent in those syncs, from the call to its return.
  double sync_seconds() const;

 private:
  struct Queued {
    std::vector<Finished> batch;
    bool synced;
  };

  void Loop();
  void Sync();

  std::string wal_path_;
  int wal_fd_ = -1;  // opened at the first sync, when the WAL certainly exists

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Queued> queue_;
  bool closing_ = false;
  uint64_t syncs_ = 0;
  uint64_t sync_nanos_ = 0;
  std::thread thread_;
  std::thread::id thread_id_;
};

}  // namespace vc::storage
