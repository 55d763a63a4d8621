// The processing log's buffer against a real SQLite file: reads may not outrun their log.
#include "storage/processing_log.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "storage/schema.h"
#include "vc/testing/support.h"

using namespace vc;
using registration::Processing;
using registration::ProcessingLog;

namespace {

// A store with the service's whole schema in a real file of dir.
std::unique_ptr<storage::Database> OpenStore(const vc::testing::TempDir& dir) {
  storage::Options options;
  options.path = dir.File("r.db");
  auto db = storage::Database::Open(options, registration::Migrations());
  REQUIRE(db.ok());
  return std::move(db).value();
}

}  // namespace

TEST_CASE("recording faster than the log is written waits instead of growing the buffer",
          "[registration][processing][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenStore(dir);
  const int kThreads = 4;
  const int kPerThread = 8000;
  std::atomic<size_t> most_waiting{0};
  {
    // A long interval: only a full chunk or the bound make the log write.
    ProcessingLog log(*db, std::chrono::seconds(60));
    std::vector<std::thread> readers;
    for (int t = 0; t < kThreads; ++t) {
      readers.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          Processing p;
          p.gemeente = "0363";
          p.activity = "vrijwilliger.lezen";
          p.subject = std::to_string(t) + "-" + std::to_string(i);
          p.started = p.ended = "2026-12-04T01:00:00.000Z";
          log.Record(std::move(p));
          size_t now = log.waiting();
          size_t seen = most_waiting.load();
          while (now > seen && !most_waiting.compare_exchange_weak(seen, now)) {
          }
        }
      });
    }
    for (std::thread& r : readers) r.join();
  }  // the destructor writes the rest

  CHECK(most_waiting.load() <= ProcessingLog::kMaxWaiting);
  storage::ReadLease lease = db->Read();
  auto count = lease->Prepare("SELECT count(*) FROM verwerkingen");
  REQUIRE(count.ok());
  REQUIRE(*(*count)->Step());
  CHECK((*count)->Int(0) == kThreads * kPerThread);
}

namespace {

Processing Entry(const std::string& gemeente, const std::string& subject, int n) {
  Processing p;
  p.gemeente = gemeente;
  p.trace_id = std::string(32, 'a');
  p.span_id = std::string(16, 'b');
  p.activity = "vrijwilliger.lezen";
  p.subject = subject;
  p.subject_kind = subject.empty() ? "" : "vrijwilliger";
  char time[32];
  std::snprintf(time, sizeof time, "2026-12-04T01:%02d:%02d.%03dZ", n / 60000 % 60, n / 1000 % 60,
                n % 1000);
  p.started = p.ended = time;
  return p;
}

// Writes entries through the writer, as the service does.
void Write(storage::Database& db, const std::vector<Processing>& entries) {
  Status written = db.Write([&entries](storage::Connection& c) {
    for (const Processing& p : entries) VC_RETURN_IF_ERROR(ProcessingLog::Append(c, p));
    return Status::Ok();
  });
  REQUIRE(written.ok());
}

int64_t Count(storage::Connection& c, const std::string& sql) {
  auto s = c.Prepare(sql);
  REQUIRE(s.ok());
  REQUIRE(*(*s)->Step());
  return (*s)->Int(0);
}

}  // namespace

TEST_CASE("a subject's entries are found in every segment of the log, and only theirs",
          "[registration][processing][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenStore(dir);

  // 13,000 entries span four segments of 4,096. Subject "s" is every 997th; the same pseudonym
  // in another gemeente and entries without a subject must not be found for it.
  std::vector<Processing> entries;
  int expected = 0;
  for (int n = 0; n < 13000; ++n) {
    if (n % 997 == 0) {
      entries.push_back(Entry("0363", "s", n));
      ++expected;
    } else if (n % 501 == 0) {
      entries.push_back(Entry("0599", "s", n));
    } else if (n % 7 == 0) {
      entries.push_back(Entry("0363", "", n));
    } else {
      entries.push_back(Entry("0363", "other-" + std::to_string(n), n));
    }
  }
  Write(*db, entries);

  storage::ReadLease lease = db->Read();
  CHECK(Count(*lease, "SELECT COUNT(DISTINCT segment) FROM verwerkingen") == 4);

  auto found = ProcessingLog::ForSubject(*lease, "0363", "s");
  REQUIRE(found.ok());
  REQUIRE(static_cast<int>(found->size()) == expected);
  for (const std::string& doc : *found) {
    CHECK(doc.find("\"betrokkene\":\"s\"") != std::string::npos);
  }
  CHECK(found->front().find("01:00:00.000Z") != std::string::npos);  // oldest first
  CHECK(found->back().find("01:00:12.961Z") != std::string::npos);   // entry 12,961

  auto page = ProcessingLog::List(*lease, "0363", std::string("s"), 2, 10);
  REQUIRE(page.ok());
  CHECK(page->count == expected);
  CHECK(static_cast<int>(page->documents.size()) == expected - 10);

  auto none = ProcessingLog::ForSubject(*lease, "0363", "nobody");
  REQUIRE(none.ok());
  CHECK(none->empty());
}

TEST_CASE("a log written before the segmented index is kept by the migration",
          "[registration][processing][integration]") {
  vc::testing::TempDir dir;
  storage::Options options;
  options.path = dir.File("r.db");
  const std::vector<storage::Migration>& all = registration::Migrations();
  REQUIRE(all.size() >= 3);
  REQUIRE(all[2].version == 3);
  {
    std::vector<storage::Migration> before(all.begin(), all.begin() + 2);
    auto db = storage::Database::Open(options, before);
    REQUIRE(db.ok());
    Status written = (*db)->Write([](storage::Connection& c) {
      return c.Exec(
          "INSERT INTO verwerkingen (id, gemeente, trace_id, span_id, activiteit, betrokkene,"
          " betrokkene_soort, status, begonnen_op, beeindigd_op) VALUES"
          " ('e1', '0363', 't', 's', 'vrijwilliger.lezen', 'p', 'vrijwilliger', 'ok',"
          "  '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z'),"
          " ('e2', '0363', 't', 's', 'vrijwilliger.lezen', 'q', 'vrijwilliger', 'ok',"
          "  '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:01.001Z')");
    });
    REQUIRE(written.ok());
  }

  auto db = storage::Database::Open(options, all);
  REQUIRE(db.ok());
  Write(**db, {Entry("0363", "p", 5000)});
  storage::ReadLease lease = (*db)->Read();
  auto found = ProcessingLog::ForSubject(*lease, "0363", "p");
  REQUIRE(found.ok());
  REQUIRE(found->size() == 2);
  CHECK((*found)[0].find("\"id\":\"e1\"") != std::string::npos);
  CHECK(Count(*lease, "SELECT MAX(volgnummer) FROM verwerkingen") == 3);
}

TEST_CASE("entries written in bulk are numbered, segmented and stored as one by one",
          "[registration][processing][integration]") {
  vc::testing::TempDir dir;
  auto db = OpenStore(dir);
  Write(*db, {Entry("0363", "voor", 1), Entry("0363", "", 2), Entry("0363", "voor", 3)});

  // Across the first segment's end, with a remainder that does not fill a whole statement.
  const size_t kBulk = 5000 + 7;
  std::vector<Processing> bulk;
  for (size_t n = 0; n < kBulk; ++n) {
    Processing p = Entry(n % 3 == 0 ? "0599" : "0363",
                         n % 5 == 0 ? "" : "s" + std::to_string(n % 7), static_cast<int>(n));
    p.client_id = n % 2 == 0 ? "app" : "";
    bulk.push_back(std::move(p));
  }
  Status written = db->Write([&bulk](storage::Connection& c) {
    return ProcessingLog::AppendAll(c, bulk.data(), bulk.size());
  });
  REQUIRE(written.ok());
  Write(*db, {Entry("0363", "na", 9)});

  storage::ReadLease lease = db->Read();
  const int64_t total = static_cast<int64_t>(kBulk) + 4;
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen") == total);
  CHECK(Count(*lease, "SELECT max(volgnummer) - min(volgnummer) + 1 FROM verwerkingen") == total);
  CHECK(Count(*lease, "SELECT count(DISTINCT id) FROM verwerkingen") == total);
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen WHERE segment != volgnummer >> 12") == 0);
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen WHERE segment = 1") > 0);

  // Empty values are stored as NULL, as Append stores them; the rest as given.
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen WHERE betrokkene IS NULL") ==
        static_cast<int64_t>((kBulk + 4) / 5) + 1);
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen WHERE client_id = 'app'") ==
        static_cast<int64_t>((kBulk + 1) / 2));
  CHECK(Count(*lease, "SELECT count(*) FROM verwerkingen WHERE trace_id = '" +
                          std::string(32, 'a') + "' AND span_id = '" + std::string(16, 'b') +
                          "' AND status = 'ok'") == total);

  Result<std::vector<std::string>> na = ProcessingLog::ForSubject(*lease, "0363", "na");
  REQUIRE(na.ok());
  CHECK(na->size() == 1);
  size_t s3 = 0;
  for (size_t n = 0; n < kBulk; ++n) s3 += n % 3 != 0 && n % 5 != 0 && n % 7 == 3;
  Result<std::vector<std::string>> found = ProcessingLog::ForSubject(*lease, "0363", "s3");
  REQUIRE(found.ok());
  CHECK(found->size() == s3);
}
