// A child process writes and acknowledges each durable write over a pipe; the parent kills it
// with SIGKILL mid-stream and checks that no acknowledged write was lost.
// Limitation: a killed process leaves the kernel's page cache intact, so this proves that
// acknowledgements follow the COMMIT, not that the fsync survives a power loss.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "vc/storage/database.h"
#include "vc/testing/support.h"

namespace {

using vc::Status;
using vc::storage::Connection;
using vc::storage::Database;
using vc::storage::Options;

const std::vector<vc::storage::Migration> kSchema = {
    {1, "CREATE TABLE aanvragen(id INTEGER PRIMARY KEY, body TEXT NOT NULL)"}};
constexpr int64_t kSubmitted = 100000;
constexpr size_t kKillAfter = 300;

std::string BodyOf(int64_t id) { return "aanvraag " + std::to_string(id) + " — bevestigd"; }

// The child: never returns into Catch2, ends only by the parent's SIGKILL (or _exit on error).
[[noreturn]] void WriteUntilKilled(const std::string& path, int acks) {
  Options options;
  options.path = path;
  options.max_batch = 8;  // many commits before the kill, so it lands between and inside them
  auto db = Database::Open(options, kSchema);
  if (!db.ok()) _exit(2);

  for (int64_t id = 1; id <= kSubmitted; ++id) {
    auto insert = [id](Connection& connection) {
      auto statement = connection.Prepare("INSERT INTO aanvragen(id, body) VALUES (?, ?)");
      if (!statement.ok()) return statement.status();
      return (*statement)->Bind(1, id).Bind(2, BodyOf(id)).Run();
    };
    (*db)->Submit(insert, [id, acks](const Status& status) {
      if (status.ok() && write(acks, &id, sizeof id) != sizeof id) _exit(3);
    });
  }
  for (;;) pause();
}

// Reads 8-byte ids until end of file; kills the child once kill_after ids arrived.
std::vector<int64_t> CollectAcks(int acks, pid_t child, size_t kill_after) {
  std::vector<int64_t> ids;
  std::string pending;
  bool killed = false;
  for (;;) {
    pollfd readable{acks, POLLIN, 0};
    if (poll(&readable, 1, 60000) <= 0) break;  // a stuck child fails the checks below
    char buffer[4096];
    ssize_t got = read(acks, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    pending.append(buffer, static_cast<size_t>(got));
    for (; pending.size() >= sizeof(int64_t); pending.erase(0, sizeof(int64_t))) {
      int64_t id = 0;
      std::memcpy(&id, pending.data(), sizeof id);
      ids.push_back(id);
    }
    if (!killed && ids.size() >= kill_after) killed = kill(child, SIGKILL) == 0;
  }
  if (!killed) kill(child, SIGKILL);
  return ids;
}

}  // namespace

TEST_CASE("every write acknowledged before a kill -9 is present after reopening",
          "[storage][durability][integration]") {
  vc::testing::TempDir dir;
  std::string path = dir.File("durable.sqlite");
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);

  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    close(pipe_fds[0]);
    WriteUntilKilled(path, pipe_fds[1]);
  }
  close(pipe_fds[1]);
  std::vector<int64_t> acked = CollectAcks(pipe_fds[0], child, kKillAfter);
  close(pipe_fds[0]);
  int wait_status = 0;
  REQUIRE(waitpid(child, &wait_status, 0) == child);

  CHECK(WIFSIGNALED(wait_status));
  CHECK(WTERMSIG(wait_status) == SIGKILL);
  REQUIRE(acked.size() >= kKillAfter);
  Options options;
  options.path = path;
  auto db = Database::Open(options, kSchema);
  REQUIRE(db.ok());
  auto reader = (*db)->Read();
  auto select = reader->Prepare("SELECT body FROM aanvragen WHERE id = ?");
  REQUIRE(select.ok());
  size_t missing = 0;
  for (int64_t id : acked) {
    auto row = (*select)->Bind(1, id).Step();
    REQUIRE(row.ok());
    if (!*row || (*select)->Text(0) != BodyOf(id)) ++missing;
  }
  CHECK(missing == 0);
  auto count = reader->Prepare("SELECT count(*) FROM aanvragen");
  REQUIRE(count.ok());
  REQUIRE(*(*count)->Step());
  INFO("acknowledged " << acked.size() << ", stored " << (*count)->Int(0));
  CHECK((*count)->Int(0) >= static_cast<int64_t>(acked.size()));
  CHECK((*count)->Int(0) < kSubmitted);  // the kill really came mid-stream
}
