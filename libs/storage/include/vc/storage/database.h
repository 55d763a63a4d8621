// A service's SQLite store: one writer thread that applies writes with group commit, and a
// pool of read connections.
//
// Group commit: writes submitted while a commit is in progress are gathered into the next
// transaction (up to Options::max_batch). Each write runs inside its own SAVEPOINT, so a write
// that fails rolls back alone and the others still commit. The writes at the head of a batch
// that were submitted with Rerun::kYes run without savepoints, which cost a tenth of a POST's
// instructions (SQLite copies every page a savepoint touches into its sub-journal); when one
// of them fails, the batch is rolled back and run again the savepoint way. From the first
// write that may not run twice on, every write has its savepoint.
//
// A write's completion callback runs only after the COMMIT that holds it returned and, with
// synchronous=FULL, after an fdatasync of the WAL that began after that COMMIT, so an
// acknowledgement sent from the callback is never for a write that a crash or power loss can
// take back. The sync runs on a second thread (src/acknowledger.h), shared by every batch
// committed meanwhile, while the writer thread goes on with the next batch; callbacks run on
// that second thread, in commit order. A third thread copies the WAL back into the database
// file (src/checkpointer.h). When BEGIN or COMMIT fails, or SQLite rolls the whole
// transaction back (disk full, I/O error), every write of the batch gets that error; a write
// that failed on its own keeps its own error.
//
// Work runs on the writer thread with the writer connection. It must not run BEGIN, COMMIT,
// ROLLBACK or SAVEPOINT statements itself, and must not call Write or Close; neither may a
// completion callback (Write from either thread returns kInternal instead of deadlocking). An
// exception thrown by work fails that write with kInternal.
//
// Thread-safe: Submit, Write, Read, Backup and Close may be called from any thread. Leases
// must be returned before the Database is destroyed.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vc/core/result.h"
#include "vc/storage/connection.h"
#include "vc/storage/migrations.h"

namespace vc::storage {

class Acknowledger;
class Checkpointer;
class Database;

// A read connection borrowed from the pool; returned when the lease is destroyed.
class ReadLease {
 public:
  ReadLease(Database* db, std::unique_ptr<Connection> connection);
  ~ReadLease();
  ReadLease(ReadLease&&) = default;
  ReadLease& operator=(ReadLease&&) = delete;
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> connection_;
};

class Database {
 public:
  using Work = std::function<Status(Connection&)>;
  using Done = std::function<void(const Status&)>;
  // kYes: the work may run twice, once in a batch that is then rolled back. It may then change
  // nothing but the connection, read its inputs without changing them, and assign (never
  // accumulate) what it hands on to done.
  enum class Rerun { kNo, kYes };

  // Opens the file (creating it, and the folders it is in, when missing), applies migrations,
  // opens one reader (the pool keeps up to read_connections of those it lends out and gets
  // back) and starts the writer thread. Errors: kInvalidArgument for bad Options (naming the
  // field), kInternal for a folder that cannot be created, the errors of Connection::Open and
  // Migrate.
  static Result<std::unique_ptr<Database>> Open(const Options& options,
                                                const std::vector<Migration>& migrations);
  ~Database();  // drains pending writes, then stops the writer

  // Queues work for the next group commit; done(status) runs on the acknowledging thread once
  // the commit is durable (Ok) or the work or commit failed (the error). done must not block or
  // throw, and may be empty. After Close() began, done is called at once with kUnavailable;
  // empty work gets kInvalidArgument the same way.
  void Submit(Work work, Done done, Rerun rerun = Rerun::kNo);

  // Submit and wait: returns when the write is durable or failed.
  Status Write(Work work, Rerun rerun = Rerun::kNo);

  // A read connection (sees every write whose done callback has run). Taken from the pool;
  // when every pooled connection is lent out, a new one is opened, and closed again when
  // returned to a full pool.
  // Limitation: Read cannot report an error (it returns a lease), so when that extra
  // connection cannot be opened it logs the error and waits for a pooled one to come back;
  // a thread that holds every lease and asks for another then waits forever.
  ReadLease Read();

  // Online backup of the whole database to a new file at path (sqlite3_backup), consistent
  // while writes go on. Errors: kInvalidArgument for an empty path, kConflict when path
  // already exists (it is never overwritten), kInternal for I/O errors (the partial file is
  // removed). The file is created with mode 0600: it holds personal data.
  Status Backup(const std::string& path);

  // Stops accepting writes, commits what is queued, joins the writer. Idempotent; a second
  // caller waits until the first one finished draining.
  void Close();

  // Counters for /metrics: transactions committed, writes committed in them, and the WAL
  // syncs that made them durable (0 with synchronous=NORMAL).
  uint64_t commits() const;
  uint64_t writes() const;
  uint64_t syncs() const;
  // Seconds spent waiting in those syncs: with syncs(), the mean time the disk took for one,
  // which sets how fast acknowledged writes can go.
  double sync_seconds() const;
  // Batches run a second time, with savepoints, because a write failed without them.
  uint64_t reruns() const;
  // WAL checkpoints: on their own thread, and by the writer when the WAL grew too large
  // (src/checkpointer.h). Both 0 for an in-memory database.
  uint64_t checkpoints() const;
  uint64_t inline_checkpoints() const;
  // Syncs of the database file by the checkpoints' thread, after those that copied pages.
  uint64_t checkpoint_syncs() const;

 private:
  friend class ReadLease;
  struct Pending {
    Work work;
    Done done;
    Rerun rerun;
  };

  Database(Options options, std::unique_ptr<Connection> writer,
           std::vector<std::unique_ptr<Connection>> readers, std::string wal_to_sync,
           std::unique_ptr<Connection> checkpointing);
  static int OnWalCommit(void* self, sqlite3* writer, const char* schema, int pages);
  void WriterLoop();
  void CommitBatch(std::vector<Pending>& batch);
  Status RunWithoutSavepoints(std::vector<Pending>& batch, size_t count);
  Status RunInSavepoint(Work& work);
  void UndoSavepoint();
  Status Commit();
  void Release(std::unique_ptr<Connection> connection);

  Options options_;
  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Acknowledger> acknowledger_;  // started before, stopped after the writer
  std::unique_ptr<Checkpointer> checkpointer_;  // the same; null for an in-memory database

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  bool closing_ = false;
  std::thread thread_;
  std::thread::id writer_id_;
  std::mutex close_mutex_;  // serialises Close, so join runs once

  std::mutex pool_mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> pool_;

  std::atomic<uint64_t> commits_{0};
  std::atomic<uint64_t> writes_{0};
  std::atomic<uint64_t> reruns_{0};
};

// Runs fn inside BEGIN IMMEDIATE ... COMMIT on a connection not owned by a Database (tools,
// migrations, tests); rolls back when fn or the COMMIT fails, and returns that error.
Status InTransaction(Connection& connection, const std::function<Status()>& fn);

}  // namespace vc::storage
