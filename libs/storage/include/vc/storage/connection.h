// One SQLite connection: opened in WAL mode with foreign keys on, a busy timeout, and the
// configured synchronous level; prepared statements are cached per SQL text.
// Not thread-safe: use one connection per thread (Database hands them out).
//
// Limitation: the statement cache is unbounded and keyed by SQL text, so SQL must be constant
// text with bound parameters, never text with values spliced in.
// Limitation: Prepare of an SQL text returns the same, reset statement, so a statement that is
// still being stepped must not be prepared again (for example in a nested loop) on the same
// connection.
#pragma once

#include <sqlite3.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vc/core/result.h"
#include "vc/storage/statement.h"

namespace vc::storage {

enum class Synchronous { kFull, kNormal };

struct Options {
  std::string path;  // file name; ":memory:" only for unit tests of this library
  Synchronous synchronous = Synchronous::kFull;
  int busy_timeout_ms = 5000;
  int read_connections = 4;  // pool size for readers, at least 1
  // Page cache of each connection, the writer's too. Connections share the operating system's
  // cache of the file, so a small cache of their own costs a pread per miss and saves memory:
  // four readers at SQLite's default of 2 MiB each were a fifth of the service's peak memory
  // (docs/performance.md). Each cache is one block, taken at the connection's first read.
  int cache_kib = 512;
  size_t max_batch = 512;    // writes per group commit at most, at least 1
};

class Connection {
 public:
  // Opens options.path (created unless read_only). Errors: kInvalidArgument for an empty path
  // or a negative busy_timeout_ms; kInternal when SQLite cannot open the file or the file
  // does not take WAL mode (an existing read-only database that is not in WAL yet).
  static Result<std::unique_ptr<Connection>> Open(const Options& options, bool read_only);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement, reset and with bindings cleared. The reference stays valid
  // for the connection's lifetime. sql must hold exactly one statement; invalid SQL is a
  // kInternal Status (a bug, not input).
  Result<Statement*> Prepare(std::string_view sql);

  // Runs one or more statements without parameters (DDL, PRAGMA, BEGIN/COMMIT).
  Status Exec(std::string_view sql);

  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const;

  // Resets every statement prepared since the last call, so none keeps a read transaction (an
  // old snapshot) open.
  void ResetStatements();

  sqlite3* raw() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  // Keyed by views of sql_texts_, so that a lookup copies nothing (a POST prepares about ten
  // statements); a deque keeps its strings where they are as it grows.
  std::deque<std::string> sql_texts_;
  std::unordered_map<std::string_view, std::unique_ptr<Statement>> cache_;
  // Handed out by Prepare since the last ResetStatements, each once: a connection caches a
  // few dozen statements, and a request uses one or two of them.
  std::vector<Statement*> prepared_;
};

// Turns a failed SQLite return code into a Status (busy/locked: kUnavailable; constraint
// violations: kConflict; text or blob too big: kTooLarge; everything else: kInternal), with
// "what: " and sqlite3_errmsg as the message. db may be null (then sqlite3_errstr is used).
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

}  // namespace vc::storage
