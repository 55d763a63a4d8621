// Copies the WAL back into the database file on a thread of its own, so that no write waits
// for it.
//
// SQLite's own checkpoint runs inside the commit that takes the WAL past 1,000 pages, on the
// writer thread: it syncs the WAL, copies the pages and syncs the database file, and every
// write queued meanwhile waits. At half the peak POST rate that put the p99 at 10 to 12 ms,
// against 4.7 ms with no checkpoints at all (docs/performance.md).
//
// Here the writer reports the WAL's size after each commit (Noticed, from SQLite's WAL hook).
// From kStartAt pages on, this thread runs a PASSIVE checkpoint on a connection of its own:
// it copies what it can without blocking the writer or any reader; SQLite syncs the WAL
// before, and this thread syncs the database file after (SQLite would only do so when no
// commit came in meanwhile, leaving that sync to the writer's checkpoint below). The WAL is only written from its start
// again when a writer begins a transaction while all of it is copied, and the writer commits
// meanwhile; so after each of these checkpoints the writer, at its next commit, runs one of
// its own, which only has the pages of the commits made during the first one to copy. Should
// the WAL reach kInlineAt pages all the same, the writer checkpoints at once, as SQLite would.
// Limitation: the writes queued behind those short checkpoints of the writer still wait for
// them (two syncs, each of only what came in during this thread's checkpoint).
//
// Thread-safe: Noticed runs on the writer thread, Close on the thread that closes the store.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "vc/storage/connection.h"

namespace vc::storage {

class Checkpointer {
 public:
  // SQLite's default starting point, in WAL pages.
  static constexpr int kStartAt = 1000;
  // Eight times that: about 32 MB of WAL with 4 KiB pages.
  static constexpr int kInlineAt = 8 * kStartAt;

  // connection: a read-write connection to the store, used only by this thread.
  explicit Checkpointer(std::unique_ptr<Connection> connection);
  ~Checkpointer();  // Close()

  // After a commit on the writer connection `writer`, with the WAL at `pages` pages. May run
  // a checkpoint on `writer` before it returns.
  void Noticed(sqlite3* writer, int pages);

  // Stops the thread; a checkpoint under way finishes first.
  void Close();

  uint64_t checkpoints() const;         // run by this thread
  uint64_t inline_checkpoints() const;  // run by the writer, after one of those or past kInlineAt
  uint64_t database_syncs() const;      // of the database file, by this thread after its own

 private:
  void Loop();

  std::unique_ptr<Connection> connection_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;    // a checkpoint is asked for
  bool running_ = false;   // this thread runs one
  bool finished_ = false;  // it ran one since the writer's last checkpoint
  bool closing_ = false;
  uint64_t checkpoints_ = 0;
  uint64_t inline_checkpoints_ = 0;
  uint64_t database_syncs_ = 0;
  std::thread thread_;
};

}  // namespace vc::storage
