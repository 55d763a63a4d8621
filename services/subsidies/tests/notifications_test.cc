// Subsidies publish their changes through the outbox: the real binary, a real receiver on
// loopback, configured and REST subscriptions, real tokens, and the SQLite file itself after
// a kill -9.
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "harness.h"
#include "message_schema.h"
#include "producer_testing.h"
#include "test_receiver.h"
#include "vc/json/writer.h"

using namespace vc::subsidies::testing;
namespace vn = vc::notifications;
using vn::testing::CountIn;
using vn::testing::SubscribedEnv;
using vn::testing::TestReceiver;
using vn::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer ontvanger-geheim";
const std::string kBothChannels = R"([{"naam":"regelingen"},{"naam":"aanvragen"}])";

std::vector<vn::Message> About(const std::vector<vn::Message>& got, const std::string& id) {
  std::vector<vn::Message> out;
  for (const vn::Message& m : got) {
    const std::string& url = m.resource_url;
    if (url.size() >= id.size() && url.compare(url.size() - id.size(), id.size(), id) == 0) {
      out.push_back(m);
    }
  }
  return out;
}

std::string NewApplication(Running& s, const std::string& token, const std::string& scheme,
                           int64_t cents, const std::string& extra = "") {
  vc::json::Writer w;
  w.StartObject().Field("regeling", scheme).Field("organisatie", kOrganisation);
  w.Field("aangevraagdBedrag", cents).Field("omschrijving", "Taalcafe in de bibliotheek");
  std::string body = w.EndObject().Take();
  body.insert(body.size() - 1, extra);
  return Member(s.Create("/aanvragen", body, token), "id");
}

}  // namespace

TEST_CASE(
    "a new scheme, a new application and every step are published in order, with "
    "kenmerken and without amounts or texts, in the Open Notificaties Message shape",
    "[subsidies][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth, kBothChannels));
  const std::string token = ManagerToken("0363");
  const std::string scheme = s.Scheme(token, R"(,"plafond":5000000)");
  const std::string digital = NewApplication(s, token, scheme, 750000);
  for (const char* step : {R"({"actie":"indienen"})", R"({"actie":"in_behandeling_nemen"})",
                           R"({"actie":"verlenen","bedrag":750000})"}) {
    REQUIRE(s.Step(token, digital, step).status == 201);
  }
  const std::string paper = NewApplication(
      s, token, scheme, 120000, R"(,"ontvangenOp":"2026-01-10T09:00:00.000Z","kanaal":"papier")");

  // The scheme and the update of its booked total by the grant; the digital one's create and
  // three steps; the paper one's create and its submission.
  REQUIRE(WaitFor([&] { return receiver.count() >= 8; }, 10s));
  const std::vector<vn::Message> got = receiver.Received();
  CHECK(got.size() == 8);

  const std::vector<vn::Message> of_scheme = About(got, scheme);
  REQUIRE(of_scheme.size() == 2);
  CHECK(of_scheme[1].actie == "update");
  CHECK(of_scheme[1].kenmerken.at("stap") == "verlenen");
  CHECK(of_scheme[1].kenmerken.at("aanvraag") == digital);
  CHECK(of_scheme[0].kanaal == "regelingen");
  CHECK(of_scheme[0].resource == "regeling");
  CHECK(of_scheme[0].actie == "create");
  CHECK(of_scheme[0].kenmerken ==
        std::map<std::string, std::string>{{"gemeente", "0363"},
                                           {"soort", "projectsubsidie"},
                                           {"verdeling", "volgorde_van_ontvangst"}});

  const std::vector<vn::Message> of_digital = About(got, digital);
  REQUIRE(of_digital.size() == 4);
  CHECK(of_digital[0].actie == "create");
  CHECK(of_digital[0].kenmerken.at("status") == "concept");
  CHECK(of_digital[0].kenmerken.count("stap") == 0);
  const std::vector<std::pair<std::string, std::string>> steps = {
      {"indienen", "ingediend"},
      {"in_behandeling_nemen", "in_behandeling"},
      {"verlenen", "verleend"}};
  for (size_t i = 0; i < steps.size(); ++i) {
    const vn::Message& m = of_digital[i + 1];
    INFO(vn::ToJson(m));
    CHECK(m.kanaal == "aanvragen");
    CHECK(m.resource == "aanvraag");
    CHECK(m.actie == "update");
    CHECK(m.hoofd_object == m.resource_url);
    CHECK(m.resource_url == s.base_url() + s.Path("/aanvragen/" + digital));
    CHECK(m.kenmerken == std::map<std::string, std::string>{{"gemeente", "0363"},
                                                            {"regeling", scheme},
                                                            {"soort", "projectsubsidie"},
                                                            {"organisatie", kOrganisation},
                                                            {"status", steps[i].second},
                                                            {"stap", steps[i].first}});
  }

  const std::vector<vn::Message> of_paper = About(got, paper);
  REQUIRE(of_paper.size() == 2);
  CHECK(of_paper[0].actie == "create");
  CHECK(of_paper[0].kenmerken.at("status") == "ingediend");
  CHECK(of_paper[1].kenmerken.at("stap") == "indienen");

  std::set<std::string> ids;
  std::vector<std::string> bodies;
  for (const vn::Message& m : got) {
    ids.insert(m.id);
    bodies.push_back(vn::ToJson(m));
    INFO(bodies.back());
    for (const char* hidden : {"750000", "120000", "Taalcafe", "coordinator@test"}) {
      CHECK(bodies.back().find(hidden) == std::string::npos);
    }
  }
  CHECK(ids.size() == got.size());

  vn::testing::SchemaCheck check = vn::testing::CheckAgainstOpenNotificaties(bodies);
  if (!check.ran) {
    WARN("skipped the Message schema check: " << check.why);
  } else {
    CHECK(check.valid);
  }
}

TEST_CASE(
    "a subscription taken over /abonnementen receives the steps of its own gemeente "
    "only, and dead letters are the platform's",
    "[subsidies][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(std::map<std::string, std::string>{{"VC_NOTIFICATIES_POLL_MS", "10"}});
  const std::string beheer = Token({"notificaties.beheer"}, "0363");
  const std::string body = R"({"callbackUrl":")" + receiver.url() + R"(","auth":")" + kAuth +
                           R"(","kanalen":[{"naam":"aanvragen","filters":{"stap":"verlenen"}}]})";
  auto created = s.http().Post(s.Path("/abonnementen"), body, beheer);
  REQUIRE(created.ok());
  INFO(created->body);
  REQUIRE(created->status == 201);
  CHECK(created->body.find(kAuth) == std::string::npos);
  REQUIRE(receiver.count() == 1);  // the test delivery on channel "test"

  auto unknown = s.http().Post(
      s.Path("/abonnementen"),
      R"({"callbackUrl":")" + receiver.url() + R"(","auth":"x","kanalen":[{"naam":"vacatures"}]})",
      beheer);
  REQUIRE(unknown.ok());
  CHECK(unknown->status == 400);
  CHECK(IsProblem(*unknown));
  CHECK(unknown->body.find("kanalen[0].naam") != std::string::npos);

  for (const std::string gemeente : {"0363", "0599"}) {
    const std::string token = ManagerToken(gemeente);
    const std::string scheme = s.Scheme(token);
    const std::string id = s.ApplicationInReview(token, scheme, 100000);
    REQUIRE(s.Step(token, id, R"({"actie":"verlenen","bedrag":100000})").status == 201);
  }
  REQUIRE(WaitFor([&] { return receiver.count() >= 2; }, 10s));
  std::this_thread::sleep_for(300ms);
  const std::vector<vn::Message> got = receiver.Received();
  REQUIRE(got.size() == 2);
  CHECK(got[1].kenmerken.at("gemeente") == "0363");
  CHECK(got[1].kenmerken.at("stap") == "verlenen");

  auto list = s.http().Get(s.Path("/abonnementen"), beheer);
  REQUIRE(list.ok());
  CHECK(Member(list->body, "count") == "1");
  CHECK(Member(list->body, "next") == "null");
  CHECK(Member(s.http().Get(s.Path("/abonnementen"), Token({"notificaties.beheer"}, "0599"))->body,
               "count") == "0");

  auto dead = s.http().Get(s.Path("/mislukte-afleveringen"), beheer);
  REQUIRE(dead.ok());
  CHECK(dead->status == 403);
  CHECK(IsProblem(*dead));
  auto platform =
      s.http().Get(s.Path("/mislukte-afleveringen"), Token({"notificaties.beheer"}, ""));
  REQUIRE(platform.ok());
  CHECK(platform->status == 200);
  CHECK(Member(platform->body, "count") == "0");
}

TEST_CASE(
    "after kill -9 during a burst of applications and steps, each committed change has "
    "exactly one message, and every one is delivered after the restart",
    "[subsidies][notifications][integration][durability]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth, kBothChannels));
  const std::string token = ManagerToken("0363");
  const std::string scheme = s.Scheme(token);

  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&] {
      vc::client::Client c(s.base_url(), std::chrono::seconds(5), 0);
      vc::json::Writer body;
      body.StartObject().Field("regeling", scheme).Field("organisatie", kOrganisation);
      body.Field("aangevraagdBedrag", int64_t{1000}).Field("omschrijving", "x").EndObject();
      const std::string json = body.Take();
      while (!stop.load()) {
        auto r = c.Post(s.Path("/aanvragen"), json, token);
        if (!r.ok() || r->status != 201) return;  // the server is gone
        auto step = c.Post(s.Path("/aanvragen/" + Member(r->body, "id") + "/stappen"),
                           R"({"actie":"indienen"})", token);
        if (!step.ok() || step->status != 201) return;
        ++acknowledged;
      }
    });
  }
  REQUIRE(WaitFor([&] { return acknowledged.load() >= 150; }, 30s));
  s.process().Kill();
  stop = true;
  for (std::thread& t : writers) t.join();

  const std::string db = s.dir().File("subsidies.db");
  const int64_t applications = CountIn(db, "SELECT count(*) FROM aanvragen");
  const int64_t steps = CountIn(db, "SELECT count(*) FROM stappen");
  CHECK(applications >= acknowledged.load());
  CHECK(steps >= acknowledged.load());
  const char* kOf =
      "SELECT count(*) FROM notificaties WHERE kanaal = 'aanvragen' AND "
      "json_extract(bericht, '$.actie') = ";
  CHECK(CountIn(db, std::string(kOf) + "'create'") == applications);
  CHECK(CountIn(db, std::string(kOf) + "'update'") == steps);
  CHECK(CountIn(db,
                "SELECT count(*) FROM aanvragen a WHERE NOT EXISTS (SELECT 1 FROM "
                "notificaties n WHERE n.hoofd_object LIKE '%/' || a.id)") == 0);

  s.Restart();
  const auto total = static_cast<size_t>(1 + applications + steps);
  REQUIRE(WaitFor(
      [&] {
        std::set<std::string> ids;
        for (const vn::Message& m : receiver.Received()) ids.insert(m.id);
        return ids.size() == total;
      },
      30s));
}
