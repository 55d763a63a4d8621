#include "vc/storage/migrations.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "vc/storage/connection.h"
#include "vc/storage/database.h"
#include "vc/testing/support.h"

namespace {

using vc::Code;
using vc::Status;
using vc::storage::Connection;
using vc::storage::Migration;
using vc::storage::Options;

const std::vector<Migration> kTwoSteps = {
    {1, "CREATE TABLE vrijwilligers(id INTEGER PRIMARY KEY, naam TEXT NOT NULL)"},
    {2,
     "ALTER TABLE vrijwilligers ADD COLUMN gemeente TEXT;"
     "INSERT INTO vrijwilligers(naam, gemeente) VALUES ('seed', 'Utrecht')"},
};

std::unique_ptr<Connection> OpenAt(const std::string& path) {
  Options options;
  options.path = path;
  auto connection = Connection::Open(options, false);
  REQUIRE(connection.ok());
  return std::move(connection).value();
}

int64_t IntOf(Connection& connection, const char* sql) {
  auto statement = connection.Prepare(sql);
  REQUIRE(statement.ok());
  auto row = (*statement)->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return (*statement)->Int(0);
}

}  // namespace

TEST_CASE("migrations are applied once, and running them again changes nothing",
          "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));

  REQUIRE(vc::storage::Migrate(*connection, kTwoSteps).ok());
  REQUIRE(vc::storage::Migrate(*connection, kTwoSteps).ok());

  CHECK(IntOf(*connection, "PRAGMA user_version") == 2);
  CHECK(IntOf(*connection, "SELECT count(*) FROM vrijwilligers") == 1);
}

TEST_CASE("a new migration is applied on top of the version already reached",
          "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));
  std::vector<Migration> first(kTwoSteps.begin(), kTwoSteps.begin() + 1);
  REQUIRE(vc::storage::Migrate(*connection, first).ok());
  REQUIRE(connection->Exec("INSERT INTO vrijwilligers(naam) VALUES ('bestaand')").ok());

  REQUIRE(vc::storage::Migrate(*connection, kTwoSteps).ok());

  CHECK(IntOf(*connection, "PRAGMA user_version") == 2);
  CHECK(IntOf(*connection, "SELECT count(*) FROM vrijwilligers") == 2);
}

TEST_CASE("a database newer than the program's migrations is refused",
          "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));
  std::vector<Migration> newer = kTwoSteps;
  newer.push_back({3, "CREATE TABLE later(x)"});
  REQUIRE(vc::storage::Migrate(*connection, newer).ok());

  Status status = vc::storage::Migrate(*connection, kTwoSteps);

  CHECK(status.code() == Code::kFailedPrecondition);
  CHECK(status.message().find("3") != std::string::npos);
  CHECK(IntOf(*connection, "PRAGMA user_version") == 3);
}

TEST_CASE("a database with a negative schema version is refused", "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));
  REQUIRE(connection->Exec("PRAGMA user_version = -4").ok());

  CHECK(vc::storage::Migrate(*connection, kTwoSteps).code() == Code::kFailedPrecondition);
}

TEST_CASE("badly numbered migrations are refused before anything runs",
          "[storage][migrations][unit]") {
  std::vector<int> versions =
      GENERATE(std::vector<int>{2}, std::vector<int>{1, 3}, std::vector<int>{1, 1},
               std::vector<int>{0, 1}, std::vector<int>{2, 1});
  CAPTURE(versions);
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));
  std::vector<Migration> migrations;
  for (int v : versions) migrations.push_back({v, "CREATE TABLE t" + std::to_string(v) + "(x)"});

  Status status = vc::storage::Migrate(*connection, migrations);

  CHECK(status.code() == Code::kInvalidArgument);
  CHECK(status.message().find("version") != std::string::npos);
  CHECK(IntOf(*connection, "SELECT count(*) FROM sqlite_master") == 0);
}

TEST_CASE("a failing migration undoes every migration of that start, leaving no partial change",
          "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  auto connection = OpenAt(dir.File("m.db"));
  std::vector<Migration> broken = {kTwoSteps[0],
                                   {2, "CREATE TABLE half(x); INSERT INTO nowhere VALUES (1)"}};

  Status status = vc::storage::Migrate(*connection, broken);

  CHECK(status.code() == Code::kInternal);
  CHECK(status.message().rfind("migration 2: ", 0) == 0);
  CHECK(IntOf(*connection, "PRAGMA user_version") == 0);
  CHECK(IntOf(*connection, "SELECT count(*) FROM sqlite_master WHERE name = 'half'") == 0);
  CHECK(IntOf(*connection, "SELECT count(*) FROM sqlite_master WHERE name = 'vrijwilligers'") ==
        0);
}

TEST_CASE("opening a Database runs its migrations and reports their failure",
          "[storage][migrations][unit]") {
  vc::testing::TempDir dir;
  Options options;
  options.path = dir.File("m.db");

  auto broken = vc::storage::Database::Open(options, {{1, "CREATE TABLE"}});
  CHECK(broken.status().code() == Code::kInternal);
  auto opened = vc::storage::Database::Open(options, kTwoSteps);
  REQUIRE(opened.ok());

  auto reader = (*opened)->Read();
  CHECK(IntOf(*reader, "PRAGMA user_version") == 2);
}
