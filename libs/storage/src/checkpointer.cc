#include "checkpointer.h"

#include "vc/core/thread_name.h"
#include "vc/log/log.h"

namespace vc::storage {
namespace {

// A PASSIVE checkpoint gives up at once where a lock is taken, so SQLITE_BUSY only means that
// another checkpoint (the other thread's) is under way; that one does the work.
bool Failed(int rc) { return rc != SQLITE_OK && rc != SQLITE_BUSY; }

// SQLite syncs the database file only after a checkpoint that leaves no frame behind, which
// one beside a busy writer seldom does: the writer commits meanwhile (the counts it returns are
// those of the WAL as it was when it began, so they do not tell). The pages it did copy would
// then all be synced by the writer's own short checkpoint, on the writer's thread, which held
// every queued write for a sync of several milliseconds (11 ms on average under the POST
// load, docs/performance.md). Synced here, they leave that one only its own few pages.
int SyncDatabaseFile(sqlite3* connection) {
  sqlite3_file* file = nullptr;
  int rc = sqlite3_file_control(connection, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == nullptr || file->pMethods == nullptr) return rc;
  return file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}

}  // namespace

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection)
    : connection_(std::move(connection)) {
  thread_ = std::thread([this] {
    NameThisThread("vc-checkpoint");
    Loop();
  });
}

Checkpointer::~Checkpointer() { Close(); }

void Checkpointer::Noticed(sqlite3* writer, int pages) {
  bool now = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (running_ || wanted_) return;  // the writer's own would only find the other one busy
    if (finished_ || pages >= kInlineAt) {
      finished_ = false;
      now = true;
      ++inline_checkpoints_;
    } else if (pages >= kStartAt) {
      wanted_ = true;
      wake_.notify_one();
    }
  }
  if (!now) return;

  int rc = sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (Failed(rc)) {
    log::Warn("storage.checkpoint_failed", {{"error", sqlite3_errmsg(writer)}, {"inline", true}});
  }
}

void Checkpointer::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t Checkpointer::checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return checkpoints_;
}

uint64_t Checkpointer::database_syncs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return database_syncs_;
}

uint64_t Checkpointer::inline_checkpoints() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inline_checkpoints_;
}

void Checkpointer::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return closing_ || wanted_; });
    if (closing_) return;
    wanted_ = false;
    running_ = true;
    lock.unlock();

    int copied = 0;
    int rc = sqlite3_wal_checkpoint_v2(connection_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       nullptr, &copied);
    bool synced = false;
    if (rc == SQLITE_OK && copied > 0) {
      rc = SyncDatabaseFile(connection_->raw());
      synced = rc == SQLITE_OK;
    }
    if (Failed(rc)) {
      log::Warn("storage.checkpoint_failed", {{"error", sqlite3_errmsg(connection_->raw())}});
    }

    lock.lock();
    running_ = false;
    finished_ = true;
    ++checkpoints_;
    if (synced) ++database_syncs_;
  }
}

}  // namespace vc::storage
