#include "acknowledger.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "vc/core/thread_name.h"
#include "vc/log/log.h"

namespace vc::storage {

Acknowledger::Acknowledger(std::string wal_path) : wal_path_(std::move(wal_path)) {
  thread_ = std::thread([this] {
    NameThisThread("vc-sync");
    Loop();
  });
  thread_id_ = thread_.get_id();
}

Acknowledger::~Acknowledger() {
  Close();
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

void Acknowledger::Add(std::vector<Finished> batch, bool synced) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back({std::move(batch), synced && !wal_path_.empty()});
  wake_.notify_one();
}

void Acknowledger::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t Acknowledger::syncs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return syncs_;
}

double Acknowledger::sync_seconds() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<double>(sync_nanos_) / 1e9;
}

void Acknowledger::Loop() {
  for (;;) {
    std::deque<Queued> taken;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and everything is answered
      taken.swap(queue_);
    }

    // One sync covers every batch taken: each was committed before it was queued.
    bool need_sync = false;
    for (const Queued& q : taken) need_sync = need_sync || q.synced;
    if (need_sync) Sync();

    for (Queued& q : taken) {
      for (Finished& f : q.batch) {
        if (f.done) f.done(f.status);
      }
    }
  }
}

void Acknowledger::Sync() {
  if (wal_fd_ < 0) wal_fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  const auto started = std::chrono::steady_clock::now();
  if (wal_fd_ >= 0 && ::fdatasync(wal_fd_) == 0) {
    const auto took = std::chrono::steady_clock::now() - started;
    std::lock_guard<std::mutex> lock(mutex_);
    ++syncs_;
    sync_nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(took).count();
    return;
  }

  // After a failed sync the kernel may have dropped the dirty pages and cleared the error, so
  // a later sync can succeed over a hole in the WAL, and SQLite's recovery stops at the hole,
  // discarding acknowledged commits behind it. Stopping here instead keeps every write that was
  // acknowledged; a restart recovers from what is on disk.
  log::Error("storage.sync_failed", {{"path", wal_path_}, {"error", std::strerror(errno)}});
  std::abort();
}

}  // namespace vc::storage
