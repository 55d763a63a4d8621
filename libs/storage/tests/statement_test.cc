#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "vc/storage/connection.h"
#include "vc/testing/support.h"

namespace {

using vc::Code;
using vc::storage::Connection;
using vc::storage::Options;
using vc::storage::Statement;

std::unique_ptr<Connection> OpenWithTable(const vc::testing::TempDir& dir) {
  Options options;
  options.path = dir.File("statement.db");
  auto connection = Connection::Open(options, false);
  REQUIRE(connection.ok());
  REQUIRE((*connection)
              ->Exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT, "
                     "amount INTEGER, ratio REAL)")
              .ok());
  return std::move(connection).value();
}

Statement& Prepared(Connection& connection, const char* sql) {
  auto statement = connection.Prepare(sql);
  REQUIRE(statement.ok());
  return **statement;
}

int64_t CountNotes(Connection& connection) {
  Statement& count = Prepared(connection, "SELECT count(*) FROM notes");
  auto row = count.Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return count.Int(0);
}

}  // namespace

TEST_CASE("text is stored and read back verbatim, whatever it looks like",
          "[storage][statement][unit]") {
  std::string text =
      GENERATE(as<std::string>{}, "", "plain", "Zoë Ünal — café, 日本語 🙂",
               "Robert'); DROP TABLE notes;--", "' OR '1'='1", "%_\\*? \"x\"", "line\nbreak\ttab",
               std::string(100000, 'x'));
  CAPTURE(text.substr(0, 40));
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);

  REQUIRE(Prepared(*connection, "INSERT INTO notes(body) VALUES (?)").Bind(1, text).Run().ok());

  Statement& select = Prepared(*connection, "SELECT body FROM notes");
  auto row = select.Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  CHECK_FALSE(select.IsNull(0));
  CHECK(select.Text(0) == text);
  CHECK(CountNotes(*connection) == 1);
}

TEST_CASE("integers, doubles and nulls round-trip", "[storage][statement][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);
  const int64_t big = std::numeric_limits<int64_t>::max();
  const int64_t small = std::numeric_limits<int64_t>::min();

  Statement& insert = Prepared(*connection, "INSERT INTO notes VALUES (?, ?, ?, ?)");
  REQUIRE(insert.Bind(1, 1)
              .Bind(2, std::optional<std::string>())
              .Bind(3, big)
              .Bind(4, 0.25)
              .Run()
              .ok());
  REQUIRE(insert.Bind(1, 2)
              .Bind(2, std::optional<std::string>(""))
              .Bind(3, small)
              .Bind(4, -1.5)
              .Run()
              .ok());
  REQUIRE(insert.Bind(1, 3).BindNull(2).Bind(3, std::optional<int64_t>()).BindNull(4).Run().ok());

  Statement& select = Prepared(*connection, "SELECT body, amount, ratio FROM notes ORDER BY id");
  REQUIRE(*select.Step());
  CHECK(select.OptionalText(0) == std::nullopt);
  CHECK(select.Int(1) == big);
  CHECK(select.Double(2) == 0.25);
  REQUIRE(*select.Step());
  CHECK(select.OptionalText(0) == std::optional<std::string>(""));
  CHECK(select.OptionalInt(1) == small);
  CHECK(select.Double(2) == -1.5);
  REQUIRE(*select.Step());
  CHECK(select.IsNull(0));
  CHECK(select.OptionalInt(1) == std::nullopt);
  CHECK(select.IsNull(2));
  CHECK_FALSE(*select.Step());
}

TEST_CASE("a bind error is remembered and returned by Step and Run, which then do nothing",
          "[storage][statement][unit]") {
  int bad_index = GENERATE(0, -1, 3, 1000);
  CAPTURE(bad_index);
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);

  Statement& insert = Prepared(*connection, "INSERT INTO notes(body, amount) VALUES (?, ?)");
  insert.Bind(bad_index, "lost").Bind(1, "kept").Bind(2, 7);
  vc::Status run = insert.Run();
  CHECK(run.code() == Code::kInternal);
  CHECK(run.message().find("bind parameter " + std::to_string(bad_index)) != std::string::npos);
  CHECK_FALSE(insert.Step().ok());
  CHECK(CountNotes(*connection) == 0);

  SECTION("preparing the statement again clears the error") {
    CHECK(Prepared(*connection, "INSERT INTO notes(body, amount) VALUES (?, ?)")
              .Bind(1, "kept")
              .Bind(2, 7)
              .Run()
              .ok());
    CHECK(CountNotes(*connection) == 1);
  }
}

TEST_CASE("a statement is rebound after a step without an explicit reset",
          "[storage][statement][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);

  Statement& insert = Prepared(*connection, "INSERT INTO notes(body) VALUES (?)");
  for (const char* body : {"een", "twee", "drie"}) REQUIRE(insert.Bind(1, body).Run().ok());

  CHECK(CountNotes(*connection) == 3);
}

TEST_CASE("preparing the same SQL again returns the cached statement, reset",
          "[storage][statement][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);
  REQUIRE(connection->Exec("INSERT INTO notes(body) VALUES ('a'), ('b'), ('c')").ok());
  const char* sql = "SELECT body FROM notes ORDER BY id";

  Statement& first = Prepared(*connection, sql);
  REQUIRE(*first.Step());
  REQUIRE(*first.Step());
  CHECK(first.Text(0) == "b");

  Statement& again = Prepared(*connection, sql);
  CHECK(&again == &first);
  REQUIRE(*again.Step());
  CHECK(again.Text(0) == "a");
}

TEST_CASE("a column out of range or without a current row reads as null",
          "[storage][statement][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);
  REQUIRE(connection->Exec("INSERT INTO notes(body, amount) VALUES ('a', 5)").ok());
  Statement& select = Prepared(*connection, "SELECT body, amount FROM notes");

  SECTION("before the first step") {
    CHECK(select.IsNull(0));
    CHECK(select.Text(0).empty());
  }
  SECTION("on a row, outside its columns") {
    REQUIRE(*select.Step());
    int column = GENERATE(-1, 2, 100);
    CHECK(select.IsNull(column));
    CHECK(select.Text(column).empty());
    CHECK(select.Int(column) == 0);
    CHECK(select.Double(column) == 0.0);
    CHECK(select.OptionalText(column) == std::nullopt);
  }
  SECTION("after the last row") {
    REQUIRE(*select.Step());
    REQUIRE_FALSE(*select.Step());
    CHECK(select.IsNull(1));
    CHECK(select.Int(1) == 0);
  }
}

TEST_CASE("SQL that is not exactly one valid statement is an internal error",
          "[storage][statement][unit]") {
  std::string sql = GENERATE(as<std::string>{}, "SELEC 1", "", "   ", "SELECT 1; SELECT 2",
                             "SELECT * FROM missing", "INSERT INTO notes(nope) VALUES (1)");
  CAPTURE(sql);
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);

  auto statement = connection->Prepare(sql);
  REQUIRE_FALSE(statement.ok());
  CHECK(statement.status().code() == Code::kInternal);
}

TEST_CASE("a statement ending in a semicolon and spaces is accepted",
          "[storage][statement][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenWithTable(dir);

  auto statement = connection->Prepare("SELECT 1;  \n");
  REQUIRE(statement.ok());
  REQUIRE(*(*statement)->Step());
  CHECK((*statement)->Int(0) == 1);
}
