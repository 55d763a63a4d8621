#include "vc/storage/connection.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>

#include "vc/storage/database.h"
#include "vc/testing/support.h"

namespace {

using vc::Code;
using vc::Status;
using vc::storage::Connection;
using vc::storage::Options;
using vc::storage::Synchronous;

std::unique_ptr<Connection> OpenOrFail(const Options& options, bool read_only = false) {
  auto connection = Connection::Open(options, read_only);
  REQUIRE(connection.ok());
  return std::move(connection).value();
}

std::string TextOf(Connection& connection, const char* sql) {
  auto statement = connection.Prepare(sql);
  REQUIRE(statement.ok());
  auto row = (*statement)->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return std::string((*statement)->Text(0));
}

}  // namespace

TEST_CASE("a connection has WAL, foreign keys, temp in memory and the chosen sync level",
          "[storage][connection][unit]") {
  auto [synchronous, expected] = GENERATE(
      table<Synchronous, std::string>({{Synchronous::kFull, "2"}, {Synchronous::kNormal, "1"}}));
  CAPTURE(expected);
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("mode.db");
  options.synchronous = synchronous;

  auto writer = OpenOrFail(options);
  CHECK(TextOf(*writer, "PRAGMA journal_mode") == "wal");
  CHECK(TextOf(*writer, "PRAGMA foreign_keys") == "1");
  CHECK(TextOf(*writer, "PRAGMA synchronous") == expected);
  CHECK(TextOf(*writer, "PRAGMA temp_store") == "2");  // MEMORY: savepoint journals stay off disk
  CHECK(TextOf(*writer, "PRAGMA busy_timeout") == "5000");

  auto reader = OpenOrFail(options, true);
  CHECK(TextOf(*reader, "PRAGMA journal_mode") == "wal");
}

TEST_CASE("bad connection options are refused naming the option", "[storage][connection][unit]") {
  auto [path, timeout, field] = GENERATE(
      table<std::string, int, std::string>({{"", 100, "path"}, {"x.db", -1, "busy_timeout_ms"}}));
  CAPTURE(path, timeout);
  vc::testing::TempDir dir;
  Options options;
  options.path = path.empty() ? "" : dir.File(path);
  options.busy_timeout_ms = timeout;

  auto connection = Connection::Open(options, false);
  REQUIRE_FALSE(connection.ok());
  CHECK(connection.status().code() == Code::kInvalidArgument);
  CHECK(connection.status().message().find(field) != std::string::npos);
}

TEST_CASE("a file that cannot be opened is an error naming the path",
          "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  bool read_only = GENERATE(false, true);
  options.path = read_only ? dir.File("never_created.db") : dir.File("missing/dir/x.db");

  auto connection = Connection::Open(options, read_only);
  REQUIRE_FALSE(connection.ok());
  CHECK(connection.status().code() == Code::kInternal);
  CHECK(connection.status().message().find(options.path) != std::string::npos);
}

TEST_CASE("a read-only connection cannot write", "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("ro.db");
  auto writer = OpenOrFail(options);
  REQUIRE(writer->Exec("CREATE TABLE t(x)").ok());

  auto reader = OpenOrFail(options, true);
  Status status = reader->Exec("INSERT INTO t VALUES (1)");
  CHECK(status.code() == Code::kInternal);
  CHECK(status.message().find("readonly") != std::string::npos);
}

TEST_CASE("constraint violations are conflicts", "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("fk.db");
  auto connection = OpenOrFail(options);
  REQUIRE(connection
              ->Exec("CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT UNIQUE);"
                     "CREATE TABLE child(parent_id INTEGER NOT NULL REFERENCES parent(id));"
                     "INSERT INTO parent VALUES (1, 'a')")
              .ok());
  const char* sql =
      GENERATE("INSERT INTO child VALUES (42)", "INSERT INTO parent VALUES (2, 'a')",
               "INSERT INTO parent VALUES (1, 'b')", "INSERT INTO child VALUES (NULL)");
  CAPTURE(sql);

  auto insert = connection->Prepare(sql);
  REQUIRE(insert.ok());
  CHECK((*insert)->Run().code() == Code::kConflict);
}

TEST_CASE("a second writer that waits past the busy timeout is unavailable",
          "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("busy.db");
  auto first = OpenOrFail(options);
  options.busy_timeout_ms = 10;
  auto second = OpenOrFail(options);
  REQUIRE(first->Exec("BEGIN IMMEDIATE").ok());

  Status status = second->Exec("BEGIN IMMEDIATE");
  CHECK(status.code() == Code::kUnavailable);

  REQUIRE(first->Exec("COMMIT").ok());
  CHECK(second->Exec("BEGIN IMMEDIATE; COMMIT").ok());
}

TEST_CASE("InTransaction commits on success and rolls back on failure",
          "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("tx.db");
  auto connection = OpenOrFail(options);
  REQUIRE(connection->Exec("CREATE TABLE t(x)").ok());

  CHECK(vc::storage::InTransaction(*connection, [&] {
          return connection->Exec("INSERT INTO t VALUES (1)");
        }).ok());
  Status failed = vc::storage::InTransaction(*connection, [&] {
    VC_RETURN_IF_ERROR(connection->Exec("INSERT INTO t VALUES (2)"));
    return Status(Code::kConflict, "changed my mind");
  });

  CHECK(failed.code() == Code::kConflict);
  CHECK(sqlite3_get_autocommit(connection->raw()) != 0);
  CHECK(TextOf(*connection, "SELECT group_concat(x) FROM t") == "1");
}

TEST_CASE("Changes counts the rows of the last statement", "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("changes.db");
  auto connection = OpenOrFail(options);
  REQUIRE(connection->Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)").ok());

  REQUIRE(connection->Exec("UPDATE t SET x = x + 1 WHERE x > 1").ok());
  CHECK(connection->Changes() == 2);
}

TEST_CASE("SQLite return codes map onto the project's status codes",
          "[storage][connection][unit]") {
  auto [rc, code] = GENERATE(table<int, Code>({{SQLITE_BUSY, Code::kUnavailable},
                                               {SQLITE_LOCKED, Code::kUnavailable},
                                               {SQLITE_BUSY_SNAPSHOT, Code::kUnavailable},
                                               {SQLITE_CONSTRAINT, Code::kConflict},
                                               {SQLITE_CONSTRAINT_FOREIGNKEY, Code::kConflict},
                                               {SQLITE_TOOBIG, Code::kTooLarge},
                                               {SQLITE_IOERR_FSYNC, Code::kInternal},
                                               {SQLITE_CORRUPT, Code::kInternal},
                                               {SQLITE_OK, Code::kOk},
                                               {SQLITE_DONE, Code::kOk}}));
  CAPTURE(rc);

  Status status = vc::storage::SqliteStatus(nullptr, rc, "doing it");
  CHECK(status.code() == code);
  if (!status.ok()) CHECK(status.message().rfind("doing it: ", 0) == 0);
}

TEST_CASE("an in-memory connection works for unit tests", "[storage][connection][unit]") {
  Options options;
  options.path = ":memory:";
  auto connection = OpenOrFail(options);

  REQUIRE(connection->Exec("CREATE TABLE t(x); INSERT INTO t VALUES ('in memory')").ok());
  CHECK(TextOf(*connection, "SELECT x FROM t") == "in memory");
  CHECK(TextOf(*connection, "PRAGMA journal_mode") == "memory");
}

TEST_CASE("ResetStatements ends the queries prepared since, also one prepared many times",
          "[storage][connection][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("db.sqlite");
  auto c = OpenOrFail(options);
  REQUIRE(c->Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3)").ok());

  auto first = c->Prepare("SELECT x FROM t ORDER BY x");
  REQUIRE(first.ok());
  REQUIRE(*(*first)->Step());
  for (int i = 0; i < 3; ++i) REQUIRE(c->Prepare("SELECT count(*) FROM t").ok());
  auto again = c->Prepare("SELECT count(*) FROM t");
  REQUIRE(again.ok());
  REQUIRE(*(*again)->Step());
  CHECK(sqlite3_stmt_busy(sqlite3_next_stmt(c->raw(), nullptr)) != 0);

  c->ResetStatements();

  CHECK_FALSE((*first)->stepped());
  CHECK_FALSE((*again)->stepped());
  for (sqlite3_stmt* s = sqlite3_next_stmt(c->raw(), nullptr); s != nullptr;
       s = sqlite3_next_stmt(c->raw(), s)) {
    CHECK(sqlite3_stmt_busy(s) == 0);  // no statement holds a read transaction
  }
  CHECK(sqlite3_get_autocommit(c->raw()) != 0);

  // The list starts over: a query prepared after the reset is reset by the next one.
  auto later = c->Prepare("SELECT x FROM t ORDER BY x");
  REQUIRE(later.ok());
  REQUIRE(*(*later)->Step());
  c->ResetStatements();
  CHECK_FALSE((*later)->stepped());
}
