#include "vc/storage/database.h"

#include <sys/stat.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "vc/testing/support.h"

namespace {

using vc::Code;
using vc::Status;
using vc::storage::Connection;
using vc::storage::Database;
using vc::storage::Options;

const std::vector<vc::storage::Migration> kSchema = {
    {1, "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL UNIQUE)"}};

Options OptionsAt(const std::string& path) {
  Options options;
  options.path = path;
  return options;
}

std::unique_ptr<Database> OpenOrFail(const Options& options) {
  auto db = Database::Open(options, kSchema);
  REQUIRE(db.ok());
  return std::move(db).value();
}

Database::Work Insert(std::string body) {
  return [body = std::move(body)](Connection& connection) {
    auto insert = connection.Prepare("INSERT INTO notes(body) VALUES (?)");
    if (!insert.ok()) return insert.status();
    return (*insert)->Bind(1, body).Run();
  };
}

std::vector<std::string> Bodies(Connection& connection) {
  auto select = connection.Prepare("SELECT body FROM notes ORDER BY id");
  REQUIRE(select.ok());
  std::vector<std::string> bodies;
  for (;;) {
    auto row = (*select)->Step();
    REQUIRE(row.ok());
    if (!*row) return bodies;
    bodies.emplace_back((*select)->Text(0));
  }
}

int64_t CountNotes(Connection& connection) {
  auto count = connection.Prepare("SELECT count(*) FROM notes");
  REQUIRE(count.ok());
  REQUIRE(*(*count)->Step());
  return (*count)->Int(0);
}

// Runs on the writer thread, so no Catch2 assertions: a failure is just "not visible".
bool VisibleToNewReader(const Options& options, const std::string& body) {
  auto fresh = Connection::Open(options, true);
  if (!fresh.ok()) return false;
  auto select = (*fresh)->Prepare("SELECT 1 FROM notes WHERE body = ?");
  if (!select.ok()) return false;
  auto row = (*select)->Bind(1, body).Step();
  return row.ok() && *row;
}

// Waits for a number of done callbacks and remembers the ones that failed.
class Completions {
 public:
  explicit Completions(size_t expected) : expected_(expected) {}

  Database::Done Callback() {
    return [this](const Status& status) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!status.ok()) failures_.push_back(status.message());
      if (++arrived_ == expected_) all_.notify_all();
    };
  }

  bool Wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    return all_.wait_for(lock, std::chrono::seconds(60), [this] { return arrived_ == expected_; });
  }

  std::vector<std::string> failures() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failures_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_;
  size_t expected_;
  size_t arrived_ = 0;
  std::vector<std::string> failures_;
};

// Holds the writer in a batch of its own until released, so that what is submitted meanwhile
// queues up into one next batch.
class Gate {
 public:
  explicit Gate(Database& db) {
    std::shared_future<void> open = release_.get_future().share();
    db.Submit(
        [this, open](Connection&) {
          started_.set_value();
          open.wait();
          return Status::Ok();
        },
        {});
    started_.get_future().wait();
  }
  void Open() { release_.set_value(); }

 private:
  std::promise<void> started_;
  std::promise<void> release_;
};

// Work that counts its runs before it inserts body (and fails on a duplicate body).
Database::Work Counted(std::atomic<int>& runs, std::string body) {
  return [&runs, body = std::move(body)](Connection& c) {
    ++runs;
    return Insert(body)(c);
  };
}

constexpr auto kMayRerun = Database::Rerun::kYes;

// One write's outcome, for tests that submit several and then look at each.
class Outcome {
 public:
  Database::Done Done() {
    return [this](const Status& status) { promise_.set_value(status); };
  }
  Status Get() { return promise_.get_future().get(); }

 private:
  std::promise<Status> promise_;
};

}  // namespace

TEST_CASE("a write is visible to readers once Write returns", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));

  REQUIRE(db->Write(Insert("eerste")).ok());

  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"eerste"});
  CHECK(db->commits() == 1);
  CHECK(db->writes() == 1);
}

TEST_CASE("a failing write in a batch is undone alone and the others commit",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  Outcome a, b, c;
  db->Submit(Insert("a"), a.Done());
  db->Submit(
      [](Connection& connection) {
        VC_RETURN_IF_ERROR(Insert("b, undone")(connection));
        return Insert("a")(connection);  // duplicate body: a UNIQUE violation
      },
      b.Done());
  db->Submit(Insert("c"), c.Done());
  gate.Open();

  CHECK(a.Get().ok());
  CHECK(b.Get().code() == Code::kConflict);
  CHECK(c.Get().ok());
  CHECK(db->commits() == 2);
  CHECK(db->writes() == 3);  // the gate and a and c
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("a write that ends the transaction fails its whole batch, and none of it is stored",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  Outcome before, ender, after;
  db->Submit(Insert("before"), before.Done());
  db->Submit([](Connection& connection) { return connection.Exec("ROLLBACK"); }, ender.Done());
  db->Submit(Insert("after"), after.Done());
  gate.Open();

  CHECK_FALSE(before.Get().ok());
  CHECK_FALSE(ender.Get().ok());
  CHECK_FALSE(after.Get().ok());
  CHECK(db->commits() == 1);
  CHECK(CountNotes(*db->Read()) == 0);
  REQUIRE(db->Write(Insert("recovered")).ok());
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"recovered"});
}

TEST_CASE("work that throws fails alone with an internal error", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));

  Status thrown = db->Write([](Connection& connection) -> Status {
    VC_RETURN_IF_ERROR(Insert("half")(connection));
    throw std::runtime_error("boom");
  });

  CHECK(thrown.code() == Code::kInternal);
  CHECK(thrown.message().find("boom") != std::string::npos);
  REQUIRE(db->Write(Insert("next")).ok());
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"next"});
}

TEST_CASE("writes from many threads all commit, in far fewer transactions",
          "[storage][database][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  const int kThreads = 8;
  const int kPerThread = 500;
  Completions completions(kThreads * kPerThread);

  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        db->Submit(Insert(std::to_string(t) + "/" + std::to_string(i)), completions.Callback());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  REQUIRE(completions.Wait());
  CHECK(completions.failures().empty());
  CHECK(CountNotes(*db->Read()) == kThreads * kPerThread);
  CHECK(db->writes() == static_cast<uint64_t>(kThreads * kPerThread));
  INFO("commits: " << db->commits());
  CHECK(db->commits() * 4 <= db->writes());
}

TEST_CASE("blocking writers from many threads share commits", "[storage][database][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  std::atomic<int> failures{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (!db->Write(Insert(std::to_string(t) + "/" + std::to_string(i))).ok()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  CHECK(failures == 0);
  CHECK(CountNotes(*db->Read()) == 800);
  INFO("commits: " << db->commits());
  CHECK(db->commits() < db->writes());
}

TEST_CASE("done runs only after the row is visible to a new reader connection",
          "[storage][database][integration]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  auto db = OpenOrFail(options);
  const int kWrites = 50;
  std::atomic<int> visible{0};
  Completions completions(kWrites);

  for (int i = 0; i < kWrites; ++i) {
    std::string body = "zichtbaar " + std::to_string(i);
    Database::Done done = completions.Callback();
    db->Submit(Insert(body), [&, body, done](const Status& status) {
      if (status.ok() && VisibleToNewReader(options, body)) ++visible;
      done(status);
    });
  }

  REQUIRE(completions.Wait());
  CHECK(completions.failures().empty());
  CHECK(visible == kWrites);
}

TEST_CASE("Close commits every queued write, and later writes are refused",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  auto db = OpenOrFail(options);
  const int kWrites = 1000;
  Completions completions(kWrites);
  for (int i = 0; i < kWrites; ++i) db->Submit(Insert(std::to_string(i)), completions.Callback());

  db->Close();
  db->Close();

  REQUIRE(completions.Wait());
  CHECK(completions.failures().empty());
  Status late;
  db->Submit(Insert("late"), [&](const Status& s) { late = s; });
  CHECK(late.code() == Code::kUnavailable);
  CHECK(db->Write(Insert("later")).code() == Code::kUnavailable);
  db.reset();
  auto reopened = OpenOrFail(options);
  CHECK(CountNotes(*reopened->Read()) == kWrites);
}

TEST_CASE("Write called from the writer thread is refused instead of deadlocking",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Status nested;

  REQUIRE(db->Write([&](Connection&) {
              nested = db->Write(Insert("nested"));
              return Status::Ok();
            }).ok());

  CHECK(nested.code() == Code::kInternal);
  CHECK(CountNotes(*db->Read()) == 0);
}

TEST_CASE("Write called from a completion callback is refused instead of deadlocking",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  std::promise<Status> nested;

  db->Submit(Insert("outer"),
             [&](const Status&) { nested.set_value(db->Write(Insert("nested"))); });

  CHECK(nested.get_future().get().code() == Code::kInternal);
  CHECK(CountNotes(*db->Read()) == 1);
}

TEST_CASE("with synchronous=FULL every acknowledgement follows a WAL sync after its commit",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  const uint64_t at_start = db->syncs();  // start-up writes may already have synced

  for (int i = 0; i < 5; ++i) {
    uint64_t before = db->syncs();
    uint64_t seen_in_done = 0;
    std::promise<void> answered;
    db->Submit(Insert("duurzaam " + std::to_string(i)), [&](const Status& status) {
      CHECK(status.ok());
      seen_in_done = db->syncs();
      answered.set_value();
    });
    answered.get_future().wait();
    CHECK(seen_in_done == before + 1);  // one write alone in its batch: one sync of its own
  }

  CHECK(db->syncs() == at_start + 5);
  CHECK(db->sync_seconds() > 0.0);  // each of them took some time
}

TEST_CASE("a store in folders that do not exist yet creates them, for this user only",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  const std::string folder = dir.path() + "/gegevens/registratie";
  auto db = OpenOrFail(OptionsAt(folder + "/db.sqlite"));
  REQUIRE(db->Write(Insert("in een nieuwe map")).ok());

  struct stat made {};
  REQUIRE(::stat(folder.c_str(), &made) == 0);
  CHECK((made.st_mode & 0777) == 0700);
  REQUIRE(::stat((dir.path() + "/gegevens").c_str(), &made) == 0);
  CHECK((made.st_mode & 0777) == 0700);
}

TEST_CASE("a store whose folder cannot be made is refused with the folder named",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  const std::string file = dir.File("bestand");
  { std::ofstream(file) << "geen map"; }

  auto opened = Database::Open(OptionsAt(file + "/sub/db.sqlite"), {});
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().message().find(file) != std::string::npos);
}

TEST_CASE("concurrent writes share WAL syncs", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  const int kWrites = 400;
  Completions completions(kWrites);

  for (int i = 0; i < kWrites; ++i) db->Submit(Insert(std::to_string(i)), completions.Callback());

  REQUIRE(completions.Wait());
  CHECK(completions.failures().empty());
  CHECK(db->syncs() >= 1);
  CHECK(db->syncs() <= db->commits());
  CHECK(db->syncs() < static_cast<uint64_t>(kWrites));
}

TEST_CASE("a batch that changes nothing is acknowledged without a sync",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  REQUIRE(db->Write(Insert("eerste")).ok());
  const uint64_t before = db->syncs();

  for (int i = 0; i < 3; ++i) {
    REQUIRE(db->Write([](Connection& c) { return c.Prepare("SELECT 1").status(); }).ok());
  }

  CHECK(db->syncs() == before);
  const double synced_for = db->sync_seconds();
  REQUIRE(db->Write(Insert("tweede")).ok());
  CHECK(db->sync_seconds() > synced_for);
  CHECK(db->syncs() == before + 1);
}

TEST_CASE("with synchronous=NORMAL nothing waits for a WAL sync", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.synchronous = vc::storage::Synchronous::kNormal;
  auto db = OpenOrFail(options);

  REQUIRE(db->Write(Insert("snel")).ok());

  CHECK(db->syncs() == 0);
  CHECK(db->sync_seconds() == 0.0);
  CHECK(CountNotes(*db->Read()) == 1);
}

TEST_CASE("empty work is refused at once", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));

  CHECK(db->Write(Database::Work()).code() == Code::kInvalidArgument);
  db->Submit(Database::Work(), {});  // no done to call: must simply not crash
  CHECK(db->Write(Insert("after")).ok());
}

TEST_CASE("bad database options are refused naming the option", "[storage][database][unit]") {
  auto [read_connections, max_batch, field] = GENERATE(table<int, size_t, std::string>(
      {{0, 512, "read_connections"}, {-3, 512, "read_connections"}, {4, 0, "max_batch"}}));
  CAPTURE(read_connections, max_batch);
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.read_connections = read_connections;
  options.max_batch = max_batch;

  auto db = Database::Open(options, kSchema);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().code() == Code::kInvalidArgument);
  CHECK(db.status().message().find(field) != std::string::npos);
}

TEST_CASE("a non-positive page cache is refused", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.cache_kib = 0;

  auto db = Database::Open(options, kSchema);
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().message().find("cache_kib") != std::string::npos);
}

TEST_CASE("readers and the writer get the configured page cache",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.cache_kib = 300;
  auto db = OpenOrFail(options);

  vc::storage::ReadLease lease = db->Read();
  auto size = lease->Prepare("PRAGMA cache_size");
  REQUIRE(size.ok());
  REQUIRE(*(*size)->Step());
  CHECK((*size)->Int(0) == -300);

  int64_t writer_cache = 0;
  REQUIRE(db->Write([&writer_cache](Connection& c) {
              auto s = c.Prepare("PRAGMA cache_size");
              if (!s.ok()) return s.status();
              vc::Result<bool> row = (*s)->Step();
              if (!row.ok()) return row.status();
              writer_cache = (*s)->Int(0);
              return Status::Ok();
            }).ok());
  CHECK(writer_cache == -300);
}

TEST_CASE("max_batch bounds the writes per commit", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.max_batch = 1;
  auto db = OpenOrFail(options);
  Completions completions(20);

  for (int i = 0; i < 20; ++i) db->Submit(Insert(std::to_string(i)), completions.Callback());

  REQUIRE(completions.Wait());
  CHECK(db->commits() == 20);
}

TEST_CASE("more readers than the pool holds can be leased at once", "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.read_connections = 2;
  auto db = OpenOrFail(options);
  REQUIRE(db->Write(Insert("gedeeld")).ok());

  std::vector<vc::storage::ReadLease> leases;
  for (int i = 0; i < 5; ++i) leases.push_back(db->Read());

  for (vc::storage::ReadLease& lease : leases) CHECK(CountNotes(*lease) == 1);
  std::set<Connection*> distinct;
  for (vc::storage::ReadLease& lease : leases) distinct.insert(&*lease);
  CHECK(distinct.size() == 5);
}

TEST_CASE("a reader returned with an unfinished query still sees later writes",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  Options options = OptionsAt(dir.File("db.sqlite"));
  options.read_connections = 1;
  auto db = OpenOrFail(options);
  REQUIRE(db->Write(Insert("een")).ok());
  REQUIRE(db->Write(Insert("twee")).ok());
  Connection* pooled = nullptr;
  {
    auto lease = db->Read();
    pooled = &*lease;
    auto select = lease->Prepare("SELECT body FROM notes");
    REQUIRE(select.ok());
    REQUIRE(*(*select)->Step());  // one row of two: the read transaction is still open
  }

  REQUIRE(db->Write(Insert("drie")).ok());

  auto lease = db->Read();
  CHECK(&*lease == pooled);
  CHECK(CountNotes(*lease) == 3);
}

TEST_CASE("Backup produces a file that opens with the same rows",
          "[storage][database][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  for (const char* body : {"Zoë", "'; DROP TABLE notes;--", "🙂"}) {
    REQUIRE(db->Write(Insert(body)).ok());
  }
  std::string backup_path = dir.File("backup.sqlite");

  REQUIRE(db->Backup(backup_path).ok());

  auto copy = OpenOrFail(OptionsAt(backup_path));
  CHECK(Bodies(*copy->Read()) == Bodies(*db->Read()));
  CHECK(Bodies(*copy->Read()).size() == 3);
}

TEST_CASE("Backup refuses a bad or existing target and leaves it untouched",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  REQUIRE(db->Write(Insert("bewaard")).ok());

  SECTION("an existing file") {
    CHECK(db->Backup(dir.File("db.sqlite")).code() == Code::kConflict);
    CHECK(Bodies(*db->Read()) == std::vector<std::string>{"bewaard"});
  }
  SECTION("an empty path") { CHECK(db->Backup("").code() == Code::kInvalidArgument); }
  SECTION("a missing directory") {
    CHECK(db->Backup(dir.File("missing/backup.sqlite")).code() == Code::kInternal);
  }
}

namespace {

int64_t FileSize(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return -1;
  std::fseek(file, 0, SEEK_END);
  const long size = std::ftell(file);
  std::fclose(file);
  return size;
}

// A body of about a page, different for every i (the notes' bodies are UNIQUE).
std::string PageOfText(int i) { return std::to_string(i) + std::string(3500, 'x'); }

}  // namespace

TEST_CASE("the WAL is checkpointed beside the writer and then written from its start again",
          "[storage][database][integration]") {
  vc::testing::TempDir dir;
  const std::string path = dir.File("db.sqlite");
  auto db = OpenOrFail(OptionsAt(path));

  // About 40 MB of rows, a few at a time: without checkpoints the WAL would hold all of it.
  const int kRows = 10000;
  for (int i = 0; i < kRows; i += 4) {
    REQUIRE(db->Write([i](Connection& c) {
                for (int j = i; j < i + 4; ++j) VC_RETURN_IF_ERROR(Insert(PageOfText(j))(c));
                return Status::Ok();
              }).ok());
  }

  CHECK(db->checkpoints() >= 1);
  // Each of them synced the pages it copied itself, off the writer's thread.
  CHECK(db->checkpoint_syncs() >= 1);
  CHECK(FileSize(path + "-wal") < 20 * 1024 * 1024);
  CHECK(CountNotes(*db->Read()) == kRows);
  db.reset();

  auto reopened = Connection::Open(OptionsAt(path), true);
  REQUIRE(reopened.ok());
  CHECK(CountNotes(**reopened) == kRows);
  auto check = (*reopened)->Prepare("PRAGMA integrity_check");
  REQUIRE(check.ok());
  REQUIRE(*(*check)->Step());
  CHECK((*check)->Text(0) == "ok");
}

// The writer's own checkpoint past kInlineAt pages is not forced here: it needs the other
// thread to be idle at that moment, which a test cannot arrange without reaching inside.
TEST_CASE(
    "while a reader holds the WAL back, writes go on, its snapshot stays, and the writer "
    "finishes the checkpoints",
    "[storage][database][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  REQUIRE(db->Write(Insert("oud")).ok());

  {
    // A read transaction under way keeps its snapshot: no checkpoint may copy past it, and
    // the WAL cannot start over while it lasts.
    vc::storage::ReadLease reader = db->Read();
    auto select = reader->Prepare("SELECT body FROM notes");
    REQUIRE(select.ok());
    REQUIRE(*(*select)->Step());

    for (int i = 0; i < 5000; i += 10) {
      REQUIRE(db->Write([i](Connection& c) {
                  for (int j = i; j < i + 10; ++j) VC_RETURN_IF_ERROR(Insert(PageOfText(j))(c));
                  return Status::Ok();
                }).ok());
    }
    CHECK(db->inline_checkpoints() >= 1);
    CHECK((*select)->Text(0) == "oud");
  }

  CHECK(CountNotes(*db->Read()) == 5001);
}

TEST_CASE("writes that may run twice commit in one pass when none fails",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  std::atomic<int> runs{0};
  Completions completions(50);
  for (int i = 0; i < 50; ++i) {
    db->Submit(Counted(runs, std::to_string(i)), completions.Callback(), kMayRerun);
  }
  gate.Open();

  REQUIRE(completions.Wait());
  CHECK(completions.failures().empty());
  CHECK(runs == 50);
  CHECK(db->reruns() == 0);
  CHECK(CountNotes(*db->Read()) == 50);
}

TEST_CASE("when a write that may run twice fails, its batch runs again and it is undone alone",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  std::atomic<int> runs_a{0}, runs_b{0}, runs_c{0};
  Outcome a, b, c;
  db->Submit(Counted(runs_a, "a"), a.Done(), kMayRerun);
  db->Submit(
      [&runs_b](Connection& connection) {
        ++runs_b;
        VC_RETURN_IF_ERROR(Insert("b, undone")(connection));
        return Insert("a")(connection);  // duplicate body: a UNIQUE violation
      },
      b.Done(), kMayRerun);
  db->Submit(Counted(runs_c, "c"), c.Done(), kMayRerun);
  gate.Open();

  CHECK(a.Get().ok());
  CHECK(b.Get().code() == Code::kConflict);
  CHECK(c.Get().ok());
  CHECK(db->reruns() == 1);
  CHECK(runs_a == 2);  // before the failure, and again with savepoints
  CHECK(runs_b == 2);
  CHECK(runs_c == 1);  // the first pass stopped at b
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("writes from one that may not run twice on get savepoints, and none runs twice",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  std::atomic<int> runs_a{0}, runs_b{0}, runs_c{0};
  Outcome a, b, c;
  db->Submit(Counted(runs_a, "a"), a.Done(), kMayRerun);
  db->Submit(Counted(runs_b, "a"), b.Done());  // a duplicate, and may not run twice
  db->Submit(Counted(runs_c, "c"), c.Done(), kMayRerun);
  gate.Open();

  CHECK(a.Get().ok());
  CHECK(b.Get().code() == Code::kConflict);
  CHECK(c.Get().ok());
  CHECK(db->reruns() == 0);
  CHECK(runs_a == 1);
  CHECK(runs_b == 1);
  CHECK(runs_c == 1);
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("a write that may run twice and ends the transaction fails its batch, unrepeated",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  std::atomic<int> runs{0};
  Outcome before, ender, after;
  db->Submit(Counted(runs, "before"), before.Done(), kMayRerun);
  db->Submit([](Connection& connection) { return connection.Exec("ROLLBACK"); }, ender.Done(),
             kMayRerun);
  db->Submit(Counted(runs, "after"), after.Done(), kMayRerun);
  gate.Open();

  CHECK_FALSE(before.Get().ok());
  CHECK_FALSE(ender.Get().ok());
  CHECK_FALSE(after.Get().ok());
  CHECK(runs == 1);
  CHECK(db->reruns() == 0);
  CHECK(CountNotes(*db->Read()) == 0);
  REQUIRE(db->Write(Insert("recovered"), kMayRerun).ok());
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"recovered"});
}

TEST_CASE("a write that may run twice and fails before one that may not reruns the batch once",
          "[storage][database][unit]") {
  vc::testing::TempDir dir;
  auto db = OpenOrFail(OptionsAt(dir.File("db.sqlite")));
  Gate gate(*db);
  std::atomic<int> runs_a{0}, runs_b{0}, runs_once{0};
  Outcome a, b, once;
  db->Submit(Counted(runs_a, "a"), a.Done(), kMayRerun);
  db->Submit(Counted(runs_b, "a"), b.Done(), kMayRerun);
  db->Submit(Counted(runs_once, "once"), once.Done());
  gate.Open();

  CHECK(a.Get().ok());
  CHECK(b.Get().code() == Code::kConflict);
  CHECK(once.Get().ok());
  CHECK(db->reruns() == 1);
  CHECK(runs_a == 2);
  CHECK(runs_b == 2);
  CHECK(runs_once == 1);  // it comes after the failure, so the first pass never reached it
  CHECK(Bodies(*db->Read()) == std::vector<std::string>{"a", "once"});
}
