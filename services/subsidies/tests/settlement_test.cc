// A settlement below the grant gives the difference back to the scheme's ceiling, in the same
// write as the settlement and with a "regelingen" update beside it; a settlement above the
// grant is refused with the field named; and under concurrent grants and settlements the
// booked total stays what the applications hold, never above the ceiling.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "harness.h"
#include "producer_testing.h"
#include "test_receiver.h"

using namespace vc::subsidies::testing;
namespace vn = vc::notifications;
using vn::testing::CountIn;
using vn::testing::SubscribedEnv;
using vn::testing::TestReceiver;
using vn::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer ontvanger-geheim";

const char kLower[] =
    R"({"actie":"vaststellen","bedrag":60000,"grond":"activiteiten_niet_verricht",)"
    R"("reden":"de helft van de maaltijden ging niet door"})";

// A member of the resource at path (under the prefix), as read over HTTP.
std::string MemberAt(Running& s, const std::string& token, const std::string& path,
                     const char* name) {
  auto r = s.http().Get(s.Path(path), token);
  REQUIRE(r.ok());
  REQUIRE(r->status == 200);
  return Member(r->body, name);
}

std::string SchemeMember(Running& s, const std::string& token, const std::string& scheme,
                         const char* name) {
  return MemberAt(s, token, "/regelingen/" + scheme, name);
}

std::string ApplicationMember(Running& s, const std::string& token, const std::string& id,
                              const char* name) {
  return MemberAt(s, token, "/aanvragen/" + id, name);
}

// The scheme updates in the outbox of the service's SQLite file (WAL: readable while it runs).
int64_t SchemeUpdates(Running& s, const std::string& where = "") {
  return CountIn(s.dir().File("subsidies.db"),
                 "SELECT count(*) FROM notificaties WHERE kanaal = 'regelingen' AND "
                 "json_extract(bericht, '$.actie') = 'update'" +
                     where);
}

}  // namespace

TEST_CASE(
    "a settlement below the grant gives the difference back to the ceiling, and a later "
    "grant gets it",
    "[subsidies][settlement][integration]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":100000)");
  const std::string first = s.ApplicationInReview(manager, scheme, 100000);
  const std::string second = s.ApplicationInReview(manager, scheme, 50000);
  REQUIRE(s.Step(manager, first, R"({"actie":"verlenen","bedrag":100000})").status == 201);
  auto full = s.Step(manager, second, R"({"actie":"verlenen","bedrag":50000})");
  CHECK(full.status == 422);
  CHECK(full.body.find("ceiling-reached") != std::string::npos);

  // The whole grant was paid in advance; the settlement below it leaves 40000 overpaid.
  REQUIRE(s.Step(manager, first, R"({"actie":"voorschot_betalen","bedrag":100000})").status == 201);
  auto settled = s.Step(manager, first, kLower);
  INFO(settled.body);
  REQUIRE(settled.status == 201);
  CHECK(SchemeMember(s, manager, scheme, "geboekt") == "60000");
  CHECK(SchemeMember(s, manager, scheme, "resterendPlafond") == "40000");
  CHECK(ApplicationMember(s, manager, first, "terugTeVorderenBedrag") == "40000");

  auto later = s.Step(manager, second, R"({"actie":"verlenen","bedrag":50000})");
  INFO(later.body);
  REQUIRE(later.status == 201);
  CHECK(Member(later.body, "bedrag") == "40000");  // what was given back, in part
  CHECK(SchemeMember(s, manager, scheme, "geboekt") == "100000");
  CHECK(SchemeMember(s, manager, scheme, "resterendPlafond") == "0");

  REQUIRE(s.Step(manager, first, R"({"actie":"terugvorderen","bedrag":40000})").status == 201);
  CHECK(ApplicationMember(s, manager, first, "terugTeVorderenBedrag") == "0");
  CHECK(ApplicationMember(s, manager, first, "teruggevorderdBedrag") == "40000");
  CHECK(SchemeMember(s, manager, scheme, "geboekt") == "100000");  // recovery books nothing
}

TEST_CASE("a bad settlement is refused with the field named and gives nothing back",
          "[subsidies][settlement][integration]") {
  auto [name, body, status, field] = GENERATE(table<std::string, std::string, int, std::string>({
      {"above the grant", R"({"actie":"vaststellen","bedrag":100001})", 422, "bedrag"},
      {"far above the grant", R"({"actie":"vaststellen","bedrag":100000000000})", 422, "bedrag"},
      {"past the bound", R"({"actie":"vaststellen","bedrag":100000000001})", 400, "bedrag"},
      {"negative", R"({"actie":"vaststellen","bedrag":-1})", 400, "bedrag"},
      {"lower without a ground", R"({"actie":"vaststellen","bedrag":60000})", 422, "grond"},
      {"lower without a reason",
       R"({"actie":"vaststellen","bedrag":60000,"grond":"onjuiste_gegevens"})", 422, "reden"},
      {"unknown ground", R"({"actie":"vaststellen","bedrag":60000,"grond":"pech","reden":"x"})",
       400, "grond"},
  }));
  CAPTURE(name);
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":150000)");
  const std::string app = s.ApplicationInReview(manager, scheme, 100000);
  REQUIRE(s.Step(manager, app, R"({"actie":"verlenen","bedrag":100000})").status == 201);
  const int64_t updates = SchemeUpdates(s);

  auto r = s.Step(manager, app, body);
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(IsProblem(r));
  CHECK(r.body.find("\"name\":\"" + field + "\"") != std::string::npos);
  CHECK(ApplicationMember(s, manager, app, "status") == "verleend");
  CHECK(SchemeMember(s, manager, scheme, "geboekt") == "100000");
  CHECK(SchemeUpdates(s) == updates);
}

TEST_CASE(
    "every change of a scheme's booked total is published as a regelingen update, and "
    "nothing else is",
    "[subsidies][settlement][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth, R"([{"naam":"regelingen"}])"));
  const std::string manager = ManagerToken("0363");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":500000)");
  const std::string lowered = s.ApplicationInReview(manager, scheme, 100000);
  const std::string kept = s.ApplicationInReview(manager, scheme, 100000);
  const std::string refused = s.ApplicationInReview(manager, scheme, 100000);
  REQUIRE(s.Step(manager, lowered, R"({"actie":"verlenen","bedrag":100000})").status == 201);
  REQUIRE(s.Step(manager, kept, R"({"actie":"verlenen","bedrag":100000})").status == 201);
  REQUIRE(s.Step(manager, refused, R"({"actie":"weigeren","reden":"buiten het doel"})").status ==
          201);
  REQUIRE(s.Step(manager, lowered, kLower).status == 201);
  REQUIRE(s.Step(manager, kept, R"({"actie":"vaststellen","bedrag":100000})").status == 201);
  CHECK(s.Step(manager, kept, R"({"actie":"uitbetalen","bedrag":100000})").status == 201);

  // The create, two grants and the lower settlement; the refusal, the settlement as granted
  // and the payment change nothing booked.
  REQUIRE(WaitFor([&] { return receiver.count() >= 4; }, 10s));
  std::this_thread::sleep_for(300ms);
  const std::vector<vn::Message> got = receiver.Received();
  REQUIRE(got.size() == 4);
  CHECK(got[0].actie == "create");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"verlenen", lowered}, {"verlenen", kept}, {"vaststellen", lowered}};
  for (size_t i = 0; i < expected.size(); ++i) {
    const vn::Message& m = got[i + 1];
    INFO(vn::ToJson(m));
    CHECK(m.kanaal == "regelingen");
    CHECK(m.resource == "regeling");
    CHECK(m.actie == "update");
    CHECK(m.resource_url == s.base_url() + s.Path("/regelingen/" + scheme));
    CHECK(m.hoofd_object == m.resource_url);
    CHECK(m.kenmerken == std::map<std::string, std::string>{{"gemeente", "0363"},
                                                            {"soort", "projectsubsidie"},
                                                            {"verdeling", "volgorde_van_ontvangst"},
                                                            {"stap", expected[i].first},
                                                            {"aanvraag", expected[i].second}});
    CHECK(vn::ToJson(m).find("60000") == std::string::npos);  // amounts stay behind the url
  }
  CHECK(SchemeUpdates(s) == 3);
}

TEST_CASE(
    "concurrent grants and settlements keep the booked total equal to what the "
    "applications hold, within the ceiling, with one scheme update for each change",
    "[subsidies][settlement][integration][concurrency]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":1000000)");
  constexpr int kGranted = 10;
  constexpr int kWaiting = 20;
  std::vector<std::string> granted;
  for (int i = 0; i < kGranted; ++i) {
    granted.push_back(s.ApplicationInReview(manager, scheme, 100000));
    REQUIRE(s.Step(manager, granted.back(), R"({"actie":"verlenen","bedrag":100000})").status ==
            201);
  }
  std::vector<std::string> waiting;
  for (int i = 0; i < kWaiting; ++i) {
    waiting.push_back(s.ApplicationInReview(manager, scheme, 70000));
  }
  REQUIRE(SchemeMember(s, manager, scheme, "resterendPlafond") == "0");

  // Four clients settle the granted ones at half while four others keep granting the waiting
  // ones, newest first (the worst case for the receipt order), until a round that began after
  // the last settlement grants nothing.
  std::atomic<int> next_settlement{0};
  std::atomic<int> settlements_left{kGranted};
  std::atomic<int> server_errors{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      vc::client::Client own(s.base_url(), std::chrono::seconds(30), 0);
      for (int i = next_settlement++; i < kGranted; i = next_settlement++) {
        auto r = own.Post(s.Path("/aanvragen/" + granted[i] + "/stappen"),
                          R"({"actie":"vaststellen","bedrag":50000,"grond":"onjuiste_gegevens",)"
                          R"("reden":"minder deelnemers"})",
                          manager);
        if (!r.ok() || r->status != 201) ++server_errors;
        --settlements_left;
      }
    });
    clients.emplace_back([&] {
      vc::client::Client own(s.base_url(), std::chrono::seconds(30), 0);
      while (true) {
        const bool settled = settlements_left.load() == 0;
        bool granted_any = false;
        for (int i = kWaiting - 1; i >= 0; --i) {
          auto r = own.Post(s.Path("/aanvragen/" + waiting[i] + "/stappen"),
                            R"({"actie":"verlenen","bedrag":70000})", manager);
          if (!r.ok() || (r->status != 201 && r->status != 422 && r->status != 409)) {
            ++server_errors;
            return;
          }
          granted_any = granted_any || r->status == 201;
        }
        if (settled && !granted_any) return;
      }
    });
  }
  for (std::thread& c : clients) c.join();
  CHECK(server_errors.load() == 0);

  int64_t held = 0;
  int64_t new_grants = 0;
  for (const std::string& id : granted) {
    CHECK(ApplicationMember(s, manager, id, "vastgesteldBedrag") == "50000");
    held += 50000;
  }
  for (const std::string& id : waiting) {
    const int64_t amount = std::stoll(ApplicationMember(s, manager, id, "verleendBedrag"));
    held += amount;
    new_grants += amount > 0;
  }
  CHECK(held == 1000000);  // the 500000 given back is granted again, to the last cent
  CHECK(SchemeMember(s, manager, scheme, "geboekt") == std::to_string(held));
  CHECK(SchemeMember(s, manager, scheme, "resterendPlafond") == "0");
  CHECK(SchemeUpdates(s) == kGranted + kGranted + new_grants);
  CHECK(SchemeUpdates(s, " AND json_extract(bericht, '$.kenmerken.stap') = 'vaststellen'") ==
        kGranted);
}
