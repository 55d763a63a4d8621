// AVG: inzage, erasure that removes the data, the processing log, and retention, run
// in-process so that the clock can be moved forward.
#include <rapidjson/document.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "harness.h"
#include "service.h"
#include "vc/storage/connection.h"

using namespace vc;
using namespace vc::registration::testing;

namespace {

class TestClock : public Clock {
 public:
  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(ms_.load())); }
  void Set(const std::string& rfc3339) {
    ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(
              ParseRfc3339(rfc3339)->time_since_epoch())
              .count();
  }

 private:
  std::atomic<int64_t> ms_{0};
};

struct InProcess {
  vc::testing::TempDir dir;
  TestClock clock;
  std::unique_ptr<registration::Service> service;
  std::unique_ptr<http::Server> server;
  std::unique_ptr<client::Client> http;

  // retention_interval: the service's own retention runs; none by default.
  explicit InProcess(std::chrono::seconds retention_interval = std::chrono::seconds(0)) {
    clock.Set("2026-01-10T12:00:00Z");
    registration::Config config;
    config.storage.path = dir.File("registratie.db");
    config.retention_interval = retention_interval;
    service = registration::Service::Open(config, clock).value();
    http::ServerOptions options;
    options.prefix = registration::kPrefix;
    auto verifier = std::make_shared<auth::Verifier>(
        std::vector<auth::Application>{kApp}, auth::VerifyOptions{}, SystemClock::Instance());
    server = std::make_unique<http::Server>(options, verifier);
    service->AddRoutes(*server);
    REQUIRE(server->Start().ok());
    http = std::make_unique<client::Client>("http://127.0.0.1:" + std::to_string(server->port()));
  }

  std::string Path(const std::string& rest) const {
    return std::string(registration::kPrefix) + rest;
  }

  std::string Create(const std::string& collection, const std::string& body) {
    auto r = http->Post(Path("/" + collection), body, TenantToken("0363"));
    REQUIRE(r.ok());
    INFO(r->body);
    REQUIRE(r->status == 201);
    return IdOf(r->body);
  }
};

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("inzage returns the record with every processing of it", "[registration][privacy]") {
  InProcess p;
  p.http->Post(p.Path("/gemeenten"), R"({"code":"0363","naam":"Amsterdam"})",
               Token({"platform.beheer"}));
  std::string id =
      p.Create("vrijwilligers", R"({"voornaam":"Inge","achternaam":"Z","postcode":"1011 AB"})");
  p.clock.Set("2026-01-10T12:00:01Z");
  p.http->Get(p.Path("/vrijwilligers/" + id), TenantToken("0363"));
  p.service->context().processing.Flush();

  auto r = p.http->Get(p.Path("/vrijwilligers/" + id + "/inzage"), TenantToken("0363"));
  REQUIRE(r.ok());
  REQUIRE(r->status == 200);
  auto doc = Parse(r->body);
  CHECK(std::string(doc["vrijwilliger"]["voornaam"].GetString()) == "Inge");
  REQUIRE(doc["verwerkingen"].Size() >= 2);
  CHECK(std::string(doc["verwerkingen"][0]["activiteit"].GetString()) == "vrijwilliger.aanmaken");
  CHECK(std::string(doc["verwerkingen"][1]["activiteit"].GetString()) == "vrijwilliger.lezen");
  CHECK(r->body.find(id, r->body.find("verwerkingen")) == std::string::npos);
}

TEST_CASE("erasure removes a volunteer's data from the database file", "[registration][privacy]") {
  InProcess p;
  p.http->Post(p.Path("/gemeenten"), R"({"code":"0363","naam":"Amsterdam"})",
               Token({"platform.beheer"}));
  std::string id = p.Create("vrijwilligers",
                            R"({"voornaam":"Zeldzaamnaam","achternaam":"Q","postcode":"1011 AB"})");
  REQUIRE(p.http->Delete(p.Path("/vrijwilligers/" + id), TenantToken("0363"))->status == 204);

  // The erasure must not only hide the row: after a checkpoint, no copy of the name remains
  // in the database file (secure_delete overwrites freed content).
  REQUIRE(p.service->database().Write([](storage::Connection&) { return Status::Ok(); }).ok());
  {
    auto c = storage::Connection::Open({p.dir.File("registratie.db")}, false).value();
    REQUIRE(c->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  CHECK(FileBytes(p.dir.File("registratie.db")).find("Zeldzaamnaam") == std::string::npos);

  auto log = p.http->Get(p.Path("/verwerkingen"), TenantToken("0363"));
  REQUIRE(log.ok());
  CHECK(log->body.find("vrijwilliger.verwijderen") != std::string::npos);
}

TEST_CASE("a resident's data is erased from a help request, the rest is kept",
          "[registration][privacy]") {
  InProcess p;
  p.http->Post(p.Path("/gemeenten"), R"({"code":"0363","naam":"Amsterdam"})",
               Token({"platform.beheer"}));
  std::string id = p.Create("hulpvragen", R"({"omschrijving":"Boodschappen","kanaal":"telefoon",
      "hulpvrager":{"naam":"Meneer Pietersen","telefoon":"0201234567"},"postcode":"1011 AB",
      "wijk":"centrum"})");
  auto erased = p.http->Delete(p.Path("/hulpvragen/" + id + "/hulpvrager"), TenantToken("0363"));
  REQUIRE(erased.ok());
  REQUIRE(erased->status == 204);

  auto r = p.http->Get(p.Path("/hulpvragen/" + id), TenantToken("0363"));
  REQUIRE(r.ok());
  auto doc = Parse(r->body);
  CHECK_FALSE(doc.HasMember("hulpvrager"));
  CHECK_FALSE(doc.HasMember("postcode"));
  CHECK(std::string(doc["wijk"].GetString()) == "centrum");
  CHECK(doc["geanonimiseerd"].GetBool());
  CHECK(p.http->Patch(p.Path("/hulpvragen/" + id), R"({"status":"afgerond"})", TenantToken("0363"))
            ->status == 409);
}

TEST_CASE("retention erases people inactive longer than the gemeente's period",
          "[registration][privacy]") {
  InProcess p;
  p.http->Post(p.Path("/gemeenten"),
               R"({"code":"0363","naam":"Amsterdam","bewaartermijnMaanden":6})",
               Token({"platform.beheer"}));
  std::string old_volunteer =
      p.Create("vrijwilligers", R"({"voornaam":"Oud","achternaam":"A","postcode":"1011 AB"})");
  std::string old_request = p.Create("hulpvragen", R"({"omschrijving":"x","kanaal":"online",
      "hulpvrager":{"naam":"R"},"postcode":"1011 AB","status":"afgerond"})");
  std::string open_request = p.Create("hulpvragen", R"({"omschrijving":"y","kanaal":"online",
      "hulpvrager":{"naam":"S"},"postcode":"1011 AB"})");

  p.clock.Set("2026-06-01T12:00:00Z");
  std::string recent =
      p.Create("vrijwilligers", R"({"voornaam":"Nieuw","achternaam":"B","postcode":"1011 AB"})");

  p.clock.Set("2026-07-11T12:00:00Z");
  auto run = p.http->Post(p.Path("/bewaartermijncontroles"), "", TenantToken("0363"));
  REQUIRE(run.ok());
  INFO(run->body);
  REQUIRE(run->status == 200);
  auto counts = Parse(run->body);
  CHECK(counts["gewisteVrijwilligers"].GetInt() == 1);
  CHECK(counts["geanonimiseerdeHulpvragen"].GetInt() == 1);

  const std::string token = TenantToken("0363");
  CHECK(p.http->Get(p.Path("/vrijwilligers/" + old_volunteer), token)->status == 404);
  CHECK(p.http->Get(p.Path("/vrijwilligers/" + recent), token)->status == 200);
  CHECK(Parse(p.http->Get(p.Path("/hulpvragen/" + old_request), token)->body)
            .HasMember("geanonimiseerd"));
  CHECK(Parse(p.http->Get(p.Path("/hulpvragen/" + open_request), token)->body)
            .HasMember("hulpvrager"));
}

namespace {

// The entries of gemeente `code` in the processing log, from GET /verwerkingen page by page.
std::vector<std::string> LogTimes(InProcess& p, const std::string& code) {
  std::vector<std::string> times;
  for (int page = 1;; ++page) {
    auto r = p.http->Get(p.Path("/verwerkingen?pageSize=100&page=" + std::to_string(page)),
                         TenantToken(code));
    REQUIRE(r.ok());
    if (r->status == 404) return times;
    REQUIRE(r->status == 200);
    auto doc = Parse(r->body);
    for (const auto& entry : doc["results"].GetArray()) {
      times.emplace_back(entry["begonnenOp"].GetString());
    }
    if (doc["next"].IsNull()) return times;
  }
}

}  // namespace

TEST_CASE("retention removes processing-log entries older than the gemeente's period for it",
          "[registration][privacy]") {
  InProcess p;
  const std::string admin = Token({"platform.beheer"});
  p.http->Post(p.Path("/gemeenten"),
               R"({"code":"0363","naam":"Amsterdam","verwerkingenBewaartermijnMaanden":2})", admin);
  p.http->Post(p.Path("/gemeenten"), R"({"code":"0599","naam":"Rotterdam"})", admin);
  auto refused = p.http->Post(
      p.Path("/gemeenten"),
      R"({"code":"0344","naam":"Utrecht","verwerkingenBewaartermijnMaanden":241})", admin);
  REQUIRE(refused.ok());
  CHECK(refused->status == 400);
  CHECK(refused->body.find("verwerkingenBewaartermijnMaanden") != std::string::npos);

  // January: a volunteer in each gemeente, read once, and more entries than one removal
  // takes, written straight into the log.
  std::string id =
      p.Create("vrijwilligers", R"({"voornaam":"Jan","achternaam":"A","postcode":"1011 AB"})");
  p.http->Get(p.Path("/vrijwilligers/" + id), TenantToken("0363"));
  auto other = p.http->Post(p.Path("/vrijwilligers"),
                            R"({"voornaam":"Roos","achternaam":"B","postcode":"3011 AB"})",
                            TenantToken("0599"));
  REQUIRE(other->status == 201);
  registration::Processing old;
  old.gemeente = "0363";
  old.trace_id = std::string(32, 'a');
  old.span_id = std::string(16, 'b');
  old.activity = "vrijwilliger.lezen";
  old.started = "2026-01-10T12:00:00.000Z";
  old.ended = old.started;
  const std::vector<registration::Processing> many(
      registration::ProcessingLog::kRemoveChunk + 10, old);
  REQUIRE(p.service->database()
              .Write([&many](storage::Connection& c) {
                return registration::ProcessingLog::AppendAll(c, many.data(), many.size());
              })
              .ok());
  p.service->context().processing.Flush();

  // April: the same volunteer read again.
  p.clock.Set("2026-04-01T12:00:00Z");
  p.http->Get(p.Path("/vrijwilligers/" + id), TenantToken("0363"));
  p.service->context().processing.Flush();
  const std::vector<std::string> before = LogTimes(p, "0363");
  const std::vector<std::string> other_before = LogTimes(p, "0599");

  auto run = p.http->Post(p.Path("/bewaartermijncontroles"), "", TenantToken("0363"));
  REQUIRE(run.ok());
  INFO(run->body);
  REQUIRE(run->status == 200);
  const std::vector<std::string> after = LogTimes(p, "0363");
  CHECK(Parse(run->body)["verwijderdeVerwerkingen"].GetInt64() ==
        static_cast<int64_t>(before.size() - after.size()));
  CHECK(before.size() - after.size() >= many.size() + 2);  // and the create and read of January
  REQUIRE_FALSE(after.empty());
  for (const std::string& t : after) CHECK(t >= "2026-02-01");

  // A gemeente without a period for the log keeps all of it.
  auto kept = p.http->Post(p.Path("/bewaartermijncontroles"), "", TenantToken("0599"));
  REQUIRE(kept->status == 200);
  CHECK(Parse(kept->body)["verwijderdeVerwerkingen"].GetInt64() == 0);
  CHECK(LogTimes(p, "0599") == other_before);
}

TEST_CASE("the service's own retention runs remove old processing-log entries too",
          "[registration][privacy]") {
  InProcess p(std::chrono::seconds(1));
  p.http->Post(p.Path("/gemeenten"),
               R"({"code":"0363","naam":"Amsterdam","verwerkingenBewaartermijnMaanden":1})",
               Token({"platform.beheer"}));
  registration::Processing old;
  old.gemeente = "0363";
  old.trace_id = std::string(32, 'c');
  old.span_id = std::string(16, 'd');
  old.activity = "vrijwilliger.lezen";
  old.started = "2026-01-10T12:00:00.000Z";
  old.ended = old.started;
  const std::vector<registration::Processing> entries(3, old);
  REQUIRE(p.service->database()
              .Write([&entries](storage::Connection& c) {
                return registration::ProcessingLog::AppendAll(c, entries.data(), entries.size());
              })
              .ok());
  REQUIRE(LogTimes(p, "0363").size() == entries.size());

  p.clock.Set("2026-04-01T12:00:00Z");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!LogTimes(p, "0363").empty() && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(LogTimes(p, "0363").empty());
}
