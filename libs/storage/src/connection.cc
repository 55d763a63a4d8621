#include "vc/storage/connection.h"

#include <cctype>
#include <climits>
#include <string>

#include "vc/log/log.h"

namespace vc::storage {
namespace {

constexpr int kPageSize = 4096;  // SQLite's default, which the stores keep

Status Invalid(const std::string& message) {
  return Status(Code::kInvalidArgument, "storage option " + message);
}

Status CheckOptions(const Options& options) {
  if (options.path.empty()) return Invalid("path is empty");
  if (options.busy_timeout_ms < 0) return Invalid("busy_timeout_ms is negative");
  if (options.cache_kib <= 0) return Invalid("cache_kib is not positive");
  return Status::Ok();
}

bool IsBlankTail(const char* tail) {
  // A statement's tail may hold whitespace and a trailing ';'; anything else is a second
  // statement, which Prepare would silently ignore.
  for (; *tail != '\0'; ++tail) {
    if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') return false;
  }
  return true;
}

Result<int64_t> PageCount(Connection& connection) {
  Result<Statement*> pragma = connection.Prepare("PRAGMA page_count");
  if (!pragma.ok()) return pragma.status();

  Result<bool> row = (*pragma)->Step();
  if (!row.ok()) return row.status();
  int64_t pages = *row ? (*pragma)->Int(0) : 0;
  (*pragma)->Reset();
  return pages;
}

Status CheckJournalMode(Connection& connection, const Options& options) {
  // Switching a brand-new file to WAL writes its first page through a rollback journal, with
  // four syncs (journal, folder, journal, file) at the default level: most of a first start
  // on a busy disk. An empty file holds nothing to lose, so that one step runs unsynced; the
  // configured level is set right after (Configure).
  Result<int64_t> pages = PageCount(connection);
  if (!pages.ok()) return pages.status();
  if (*pages == 0) VC_RETURN_IF_ERROR(connection.Exec("PRAGMA synchronous=OFF"));

  Result<Statement*> pragma = connection.Prepare("PRAGMA journal_mode=WAL");
  if (!pragma.ok()) return pragma.status();

  Result<bool> row = (*pragma)->Step();
  if (!row.ok()) return row.status();
  std::string mode(*row ? (*pragma)->Text(0) : "");
  (*pragma)->Reset();

  // An in-memory database cannot use WAL and answers "memory".
  std::string expected = options.path == ":memory:" ? "memory" : "wal";
  if (mode != expected) {
    return Status::Internal("journal_mode is '" + mode + "', not " + expected + ", for " +
                            options.path);
  }
  return Status::Ok();
}

Status Configure(Connection& connection, const Options& options) {
  int rc = sqlite3_busy_timeout(connection.raw(), options.busy_timeout_ms);
  if (rc != SQLITE_OK) return SqliteStatus(connection.raw(), rc, "set busy_timeout");

  VC_RETURN_IF_ERROR(CheckJournalMode(connection, options));
  VC_RETURN_IF_ERROR(connection.Exec("PRAGMA foreign_keys=ON"));
  // Each write of a group commit runs in its own savepoint, whose sub-journal keeps the
  // original of every page it changes until the batch commits. On disk that was one pwrite
  // per page into a temporary file (two thirds of all writes under load); a batch's
  // sub-journal is small enough to keep in memory.
  VC_RETURN_IF_ERROR(connection.Exec("PRAGMA temp_store=MEMORY"));
  VC_RETURN_IF_ERROR(connection.Exec("PRAGMA cache_size=-" + std::to_string(options.cache_kib)));
  return connection.Exec(options.synchronous == Synchronous::kFull ? "PRAGMA synchronous=FULL"
                                                                   : "PRAGMA synchronous=NORMAL");
}

}  // namespace

// Process-wide settings, which SQLite takes only before it initialises, so before the first
// open; later calls are refused by SQLite and change nothing.
//
// SQLite counts every allocation under one process-wide mutex unless told not to. Under a
// read load the reactor threads and the writer queued on it: strace of the GET benchmark
// showed futex waits inside sqlite3Malloc.
//
// Each connection takes its page cache in one block of cache_kib at its first read, instead
// of one allocation per page. In WAL mode a connection drops its whole cache whenever another
// one committed, which under a read load is every flush of the processing log; page by page,
// the allocator handed those pages back to the system and faulted them in again as the cache
// refilled (docs/performance.md). The block is the first open's cache_kib; a later database
// with a larger cache takes the rest of it page by page.
void ConfigureLibraryOnce(int cache_kib) {
  static const bool configured = [cache_kib] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    int header = 0;
    sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header);
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, kPageSize + header, -cache_kib);
    return true;
  }();
  (void)configured;
}

Result<std::unique_ptr<Connection>> Connection::Open(const Options& options, bool read_only) {
  VC_RETURN_IF_ERROR(CheckOptions(options));
  ConfigureLibraryOnce(options.cache_kib);

  int flags = SQLITE_OPEN_NOMUTEX |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(db, rc, "open " + options.path);
    sqlite3_close(db);  // a failed open may still allocate a handle; closing null is a no-op
    return status;
  }

  std::unique_ptr<Connection> connection(new Connection(db));
  VC_RETURN_IF_ERROR(Configure(*connection, options));
  return connection;
}

Connection::~Connection() {
  // Statements first: a connection with live statements cannot close.
  cache_.clear();
  int rc = sqlite3_close(db_);
  if (rc != SQLITE_OK) {
    log::Error("storage.close_failed", {{"error", sqlite3_errmsg(db_)}});
    sqlite3_close_v2(db_);  // closes as soon as whatever still holds it is gone
  }
}

Result<Statement*> Connection::Prepare(std::string_view sql) {
  auto cached = cache_.find(sql);
  Statement* result = nullptr;
  if (cached != cache_.end()) {
    result = cached->second.get();
    result->Reset();
  } else {
    // Only on a miss: a statement is prepared once per connection and SQL text.
    std::string key(sql);
    if (key.size() >= INT_MAX) return Status::Internal("prepare: SQL text too long");
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()) + 1,
                                SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "prepare '" + key + "'");
    auto statement = std::make_unique<Statement>(db_, stmt);  // owns stmt from here on
    if (stmt == nullptr) return Status::Internal("prepare '" + key + "': no statement");
    if (!IsBlankTail(tail)) {
      return Status::Internal("prepare '" + key + "': more than one statement");
    }
    result = statement.get();
    cache_.emplace(std::string_view(sql_texts_.emplace_back(std::move(key))), std::move(statement));
  }

  if (!result->prepared_) {
    result->prepared_ = true;
    prepared_.push_back(result);
  }
  return result;
}

Status Connection::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "exec '" + text + "'");
  return Status::Ok();
}

int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

void Connection::ResetStatements() {
  // Only a statement that ran can be half-stepped; the others are reset by their next Prepare.
  for (Statement* statement : prepared_) {
    if (statement->stepped()) statement->Reset();
    statement->prepared_ = false;
  }
  prepared_.clear();
}

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return Status::Ok();

  std::string message = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {  // the primary code; extended codes only refine it
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status(Code::kUnavailable, std::move(message));
    case SQLITE_CONSTRAINT:
      return Status(Code::kConflict, std::move(message));
    case SQLITE_TOOBIG:
      return Status(Code::kTooLarge, std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

}  // namespace vc::storage
