#include "vc/storage/database.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <future>
#include <utility>

#include "acknowledger.h"
#include "checkpointer.h"
#include "vc/core/thread_name.h"
#include "vc/log/log.h"

namespace vc::storage {
namespace {

Status CheckPoolOptions(const Options& options) {
  if (options.read_connections < 1) {
    return Status(Code::kInvalidArgument, "storage option read_connections is below 1");
  }
  if (options.max_batch < 1) {
    return Status(Code::kInvalidArgument, "storage option max_batch is below 1");
  }
  return Status::Ok();
}

bool InTransactionNow(Connection& connection) {
  return sqlite3_get_autocommit(connection.raw()) == 0;
}

void RollBack(Connection& connection) {
  // SQLite itself rolls back on some errors (disk full, I/O); then there is nothing to undo.
  if (!InTransactionNow(connection)) return;
  Status status = connection.Exec("ROLLBACK");
  if (!status.ok()) log::Error("storage.rollback_failed", {{"error", status.message()}});
}

// The batch's outcome when its transaction ended early; never Ok, so the batch stops.
Status Aborted(const Status& cause) {
  if (cause.ok()) return Status::Internal("transaction aborted: a write ended it");
  return Status(cause.code(), "transaction aborted: " + cause.message());
}

Status RunGuarded(const Database::Work& work, Connection& connection) {
  // Exceptions are not our error model, but one escaping here would end the process.
  try {
    return work(connection);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("write threw: ") + e.what());
  } catch (...) {
    return Status::Internal("write threw an unknown exception");
  }
}

Status CreateNewFile(const std::string& path) {
  if (path.empty()) return Status(Code::kInvalidArgument, "backup path is empty");

  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno == EEXIST) {
    return Status(Code::kConflict, "backup file " + path + " already exists");
  }
  if (fd < 0) return Status::Internal("create " + path + ": " + std::strerror(errno));
  if (::close(fd) != 0) return Status::Internal("close " + path + ": " + std::strerror(errno));
  return Status::Ok();
}

Status CopyPages(sqlite3* source, sqlite3* dest) {
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source, "main");
  if (backup == nullptr) return SqliteStatus(dest, sqlite3_errcode(dest), "start backup");

  // One step of all pages holds one read transaction, so the copy is a single snapshot.
  int step = sqlite3_backup_step(backup, -1);
  int finish = sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return SqliteStatus(dest, step, "copy backup");
  if (finish != SQLITE_OK) return SqliteStatus(dest, finish, "finish backup");
  return Status::Ok();
}

Status CopyDatabase(sqlite3* source, const std::string& path) {
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Status status =
      rc == SQLITE_OK ? CopyPages(source, dest) : SqliteStatus(dest, rc, "open backup " + path);

  rc = sqlite3_close(dest);
  if (rc != SQLITE_OK) {
    if (status.ok()) status = SqliteStatus(dest, rc, "close backup " + path);
    sqlite3_close_v2(dest);
  }
  return status;
}

// Creates the folder a new store's file goes into, and the folders above it, each readable by
// this user only (a store holds personal data); a folder that exists is left as it is. Without
// this, a first start with VC_DATA_DIR naming a folder not made yet failed with SQLite's
// "unable to open database file".
Status CreateFolderOf(const std::string& path) {
  const std::string::size_type slash = path.find_last_of('/');
  if (path == ":memory:" || slash == std::string::npos || slash == 0) return Status::Ok();

  const std::string folder = path.substr(0, slash);
  for (std::string::size_type at = folder.find('/', 1);; at = folder.find('/', at + 1)) {
    const std::string step = folder.substr(0, at);
    if (::mkdir(step.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status::Internal("create folder " + step + ": " + std::strerror(errno));
    }
    if (at == std::string::npos) return Status::Ok();
  }
}

// Rows inserted, updated or deleted by the writer so far. A batch that changed none (a poll
// that found no work) has nothing to make durable and is answered without a sync.
// Limitation: a batch whose only effect is a schema change (no such write exists yet) would
// count as unchanged; the next sync covers it.
int64_t RowsChanged(Connection& connection) { return sqlite3_total_changes64(connection.raw()); }

Status RunPrepared(Connection& connection, std::string_view sql) {
  Result<Statement*> statement = connection.Prepare(sql);
  if (!statement.ok()) return statement.status();
  return (*statement)->Run();
}

}  // namespace

ReadLease::ReadLease(Database* db, std::unique_ptr<Connection> connection)
    : db_(db), connection_(std::move(connection)) {}

ReadLease::~ReadLease() {
  if (db_ != nullptr && connection_ != nullptr) db_->Release(std::move(connection_));
}

Result<std::unique_ptr<Database>> Database::Open(const Options& options,
                                                 const std::vector<Migration>& migrations) {
  VC_RETURN_IF_ERROR(CheckPoolOptions(options));
  VC_RETURN_IF_ERROR(CreateFolderOf(options.path));

  // Commits wait for the disk only through the acknowledger's shared sync (acknowledger.h).
  Options writer_options = options;
  std::string wal_to_sync;
  if (options.synchronous == Synchronous::kFull && options.path != ":memory:") {
    writer_options.synchronous = Synchronous::kNormal;
    wal_to_sync = options.path + "-wal";
  }
  Result<std::unique_ptr<Connection>> writer = Connection::Open(writer_options, false);
  if (!writer.ok()) return writer.status();
  VC_RETURN_IF_ERROR(Migrate(**writer, migrations));

  // One reader now, so that a file the service cannot read fails the start; the pool fills
  // up as readers are returned. Opening all of them cost a few ms of every start.
  std::vector<std::unique_ptr<Connection>> readers;
  Result<std::unique_ptr<Connection>> reader = Connection::Open(options, true);
  if (!reader.ok()) return reader.status();
  readers.push_back(std::move(reader).value());

  std::unique_ptr<Connection> checkpointing;
  if (options.path != ":memory:") {
    Result<std::unique_ptr<Connection>> opened = Connection::Open(writer_options, false);
    if (!opened.ok()) return opened.status();
    checkpointing = std::move(opened).value();
  }

  log::Info("storage.opened", {{"path", options.path}, {"schema_version", migrations.size()}});
  return std::unique_ptr<Database>(new Database(options, std::move(writer).value(),
                                                std::move(readers), std::move(wal_to_sync),
                                                std::move(checkpointing)));
}

Database::Database(Options options, std::unique_ptr<Connection> writer,
                   std::vector<std::unique_ptr<Connection>> readers, std::string wal_to_sync,
                   std::unique_ptr<Connection> checkpointing)
    : options_(std::move(options)),
      writer_(std::move(writer)),
      acknowledger_(std::make_unique<Acknowledger>(std::move(wal_to_sync))),
      pool_(std::move(readers)) {
  if (checkpointing) {
    checkpointer_ = std::make_unique<Checkpointer>(std::move(checkpointing));
    // Replaces SQLite's own checkpoint after commits (sqlite3_wal_autocheckpoint).
    sqlite3_wal_hook(writer_->raw(), &Database::OnWalCommit, this);
  }
  // Started last, so the loop only ever sees fully built members.
  thread_ = std::thread([this] {
    NameThisThread("vc-writer");
    WriterLoop();
  });
  writer_id_ = thread_.get_id();
}

Database::~Database() { Close(); }

int Database::OnWalCommit(void* self, sqlite3* writer, const char* /*schema*/, int pages) {
  static_cast<Database*>(self)->checkpointer_->Noticed(writer, pages);
  return SQLITE_OK;
}

void Database::Submit(Work work, Done done, Rerun rerun) {
  Status refused;
  if (!work) {
    refused = Status(Code::kInvalidArgument, "Submit: work is empty");
  } else {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!closing_) {
      queue_.push_back({std::move(work), std::move(done), rerun});
      wake_.notify_one();
      return;
    }
    refused = Status(Code::kUnavailable, "database is closing");
  }
  if (done) done(refused);
}

Status Database::Write(Work work, Rerun rerun) {
  if (std::this_thread::get_id() == writer_id_ || acknowledger_->OnThisThread()) {
    return Status::Internal("Write called from work or from a completion callback");
  }

  std::promise<Status> result;
  std::future<Status> ready = result.get_future();
  Submit(
      std::move(work), [&result](const Status& status) { result.set_value(status); }, rerun);
  return ready.get();
}

void Database::WriterLoop() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing, and everything is drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }

    // Submissions arriving from here on queue up for the next batch.
    CommitBatch(batch);
    batch.clear();
  }
}

void Database::CommitBatch(std::vector<Pending>& batch) {
  const int64_t changed_before = RowsChanged(*writer_);
  Status outcome = writer_->Exec("BEGIN IMMEDIATE");
  std::vector<Status> results;
  // The writes up to the first one that may not run twice go without savepoints.
  size_t rerunnable = 0;
  while (rerunnable < batch.size() && batch[rerunnable].rerun == Rerun::kYes) ++rerunnable;
  if (outcome.ok() && rerunnable > 0) {
    Status first = RunWithoutSavepoints(batch, rerunnable);
    if (first.ok()) {
      results.assign(rerunnable, Status::Ok());
    } else if (InTransactionNow(*writer_)) {
      // A write failed: all of it is undone, and each write runs again in a savepoint. None
      // of those that may not run twice has run yet.
      RollBack(*writer_);
      reruns_.fetch_add(1);
      outcome = writer_->Exec("BEGIN IMMEDIATE");
    } else {
      outcome = first;  // the transaction ended inside a write; nothing runs again
    }
  }
  for (size_t i = results.size(); outcome.ok() && i < batch.size(); ++i) {
    results.push_back(RunInSavepoint(batch[i].work));
    if (!InTransactionNow(*writer_)) outcome = Aborted(results.back());
  }
  if (outcome.ok()) outcome = Commit();

  size_t committed = 0;
  for (const Status& result : results) committed += result.ok() ? 1 : 0;
  if (outcome.ok()) {
    commits_.fetch_add(1);
    writes_.fetch_add(committed);
  } else {
    log::Error("storage.commit_failed",
               {{"path", options_.path}, {"writes", batch.size()}, {"error", outcome.message()}});
  }

  // A write that failed by itself keeps its own error; the rest share the batch's outcome.
  std::vector<Acknowledger::Finished> finished;
  finished.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    bool own_error = i < results.size() && !results[i].ok();
    finished.push_back({std::move(batch[i].done), own_error ? results[i] : outcome});
  }
  acknowledger_->Add(std::move(finished), outcome.ok() && RowsChanged(*writer_) != changed_before);
}

// The first count writes of the batch. Ok when each succeeded; else the first failure, Aborted
// when the transaction ended.
Status Database::RunWithoutSavepoints(std::vector<Pending>& batch, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    Status status = RunGuarded(batch[i].work, *writer_);
    writer_->ResetStatements();  // a half-stepped query must not outlive its write
    if (!InTransactionNow(*writer_)) return Aborted(status);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status Database::RunInSavepoint(Work& work) {
  // Prepared once: parsing the two statements anew cost more than the savepoint itself.
  VC_RETURN_IF_ERROR(RunPrepared(*writer_, "SAVEPOINT work"));

  Status status = RunGuarded(work, *writer_);
  writer_->ResetStatements();  // a half-stepped query must not outlive its write
  if (status.ok()) status = RunPrepared(*writer_, "RELEASE work");

  if (!status.ok()) UndoSavepoint();
  return status;
}

void Database::UndoSavepoint() {
  if (!InTransactionNow(*writer_)) return;  // SQLite already rolled everything back

  Status undone = writer_->Exec("ROLLBACK TO work; RELEASE work");
  if (!undone.ok()) {
    // The batch cannot be trusted any more; rolling it all back makes CommitBatch fail it.
    log::Error("storage.savepoint_undo_failed", {{"error", undone.message()}});
    RollBack(*writer_);
  }
}

Status Database::Commit() {
  Status status = writer_->Exec("COMMIT");
  if (!status.ok()) RollBack(*writer_);
  return status;
}

ReadLease Database::Read() {
  std::unique_lock<std::mutex> lock(pool_mutex_);
  if (pool_.empty()) {
    lock.unlock();
    Result<std::unique_ptr<Connection>> opened = Connection::Open(options_, true);
    if (opened.ok()) return ReadLease(this, std::move(opened).value());
    log::Error("storage.reader_open_failed", {{"error", opened.status().message()}});

    lock.lock();
    returned_.wait(lock, [this] { return !pool_.empty(); });
  }

  std::unique_ptr<Connection> connection = std::move(pool_.back());
  pool_.pop_back();
  return ReadLease(this, std::move(connection));
}

void Database::Release(std::unique_ptr<Connection> connection) {
  // An unfinished query would keep its snapshot, and the next lease would miss newer writes.
  connection->ResetStatements();

  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (pool_.size() < static_cast<size_t>(options_.read_connections)) {
    pool_.push_back(std::move(connection));
    returned_.notify_one();
  }
}

Status Database::Backup(const std::string& path) {
  VC_RETURN_IF_ERROR(CreateNewFile(path));

  ReadLease source = Read();
  Status status = CopyDatabase(source->raw(), path);
  if (!status.ok()) ::unlink(path.c_str());  // a partial backup must not pass for a good one
  return status;
}

void Database::Close() {
  if (std::this_thread::get_id() == writer_id_ || acknowledger_->OnThisThread()) {
    // Joining itself is impossible; the loops drain and end, the destructor joins.
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
    return;
  }

  std::lock_guard<std::mutex> close_lock(close_mutex_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  thread_.join();
  acknowledger_->Close();  // answers the last batches
  if (checkpointer_) checkpointer_->Close();
  log::Info("storage.closed",
            {{"path", options_.path}, {"commits", commits()}, {"writes", writes()}});
}

uint64_t Database::commits() const { return commits_.load(); }

uint64_t Database::writes() const { return writes_.load(); }

uint64_t Database::syncs() const { return acknowledger_->syncs(); }

double Database::sync_seconds() const { return acknowledger_->sync_seconds(); }

uint64_t Database::reruns() const { return reruns_.load(); }

uint64_t Database::checkpoints() const { return checkpointer_ ? checkpointer_->checkpoints() : 0; }

uint64_t Database::inline_checkpoints() const {
  return checkpointer_ ? checkpointer_->inline_checkpoints() : 0;
}

uint64_t Database::checkpoint_syncs() const {
  return checkpointer_ ? checkpointer_->database_syncs() : 0;
}

Status InTransaction(Connection& connection, const std::function<Status()>& fn) {
  VC_RETURN_IF_ERROR(connection.Exec("BEGIN IMMEDIATE"));

  Status status = fn();
  if (status.ok()) status = connection.Exec("COMMIT");
  if (!status.ok()) RollBack(connection);
  return status;
}

}  // namespace vc::storage
