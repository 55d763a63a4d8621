#include "../src/checkpointer.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "vc/storage/connection.h"
#include "vc/testing/support.h"

namespace {

using vc::storage::Checkpointer;
using vc::storage::Connection;

std::unique_ptr<Connection> OpenAt(const std::string& path) {
  vc::storage::Options options;
  options.path = path;
  auto opened = Connection::Open(options, false);
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

bool WaitFor(const std::function<bool()>& done) {
  for (int i = 0; i < 500 && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace

TEST_CASE(
    "the checkpointer's thread starts from kStartAt pages, the writer finishes after it, "
    "and past kInlineAt the writer checkpoints at once",
    "[storage][checkpointer][unit]") {
  vc::testing::TempDir dir;
  const std::string path = dir.File("db.sqlite");
  auto writer = OpenAt(path);
  REQUIRE(writer->Exec("CREATE TABLE t(x)").ok());
  Checkpointer checkpointer(OpenAt(path));

  checkpointer.Noticed(writer->raw(), Checkpointer::kStartAt - 1);
  CHECK(checkpointer.checkpoints() == 0);
  CHECK(checkpointer.inline_checkpoints() == 0);

  checkpointer.Noticed(writer->raw(), Checkpointer::kStartAt);
  REQUIRE(WaitFor([&] { return checkpointer.checkpoints() == 1; }));
  CHECK(checkpointer.inline_checkpoints() == 0);

  // The next commit after that checkpoint has the writer finish it, however small the WAL.
  checkpointer.Noticed(writer->raw(), 1);
  CHECK(checkpointer.inline_checkpoints() == 1);
  checkpointer.Noticed(writer->raw(), 1);
  CHECK(checkpointer.inline_checkpoints() == 1);

  checkpointer.Noticed(writer->raw(), Checkpointer::kInlineAt);
  CHECK(checkpointer.inline_checkpoints() == 2);
  CHECK(checkpointer.checkpoints() == 1);

  checkpointer.Close();
  checkpointer.Noticed(writer->raw(), Checkpointer::kStartAt);  // after Close: asks no thread
  CHECK(checkpointer.checkpoints() == 1);
}
