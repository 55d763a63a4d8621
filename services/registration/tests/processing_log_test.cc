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

TEST_CASE("recording faster than the log is written waits instead of growing the buffer",
          "[registration][processing][integration]") {
  vc::testing::TempDir dir;
  storage::Options options;
  options.path = dir.File("r.db");
  auto db = storage::Database::Open(options, registration::Migrations());
  REQUIRE(db.ok());
  const int kThreads = 4;
  const int kPerThread = 8000;
  std::atomic<size_t> most_waiting{0};
  {
    // A long interval: only a full chunk or the bound make the log write.
    ProcessingLog log(**db, std::chrono::seconds(60));
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
  storage::ReadLease lease = (*db)->Read();
  auto count = lease->Prepare("SELECT count(*) FROM verwerkingen");
  REQUIRE(count.ok());
  REQUIRE(*(*count)->Step());
  CHECK((*count)->Int(0) == kThreads * kPerThread);
}
