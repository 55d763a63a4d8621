// Registration publishes its changes through the outbox: real binary, real receiver on
// loopback, configured subscription (VC_NOTIFICATIES_ABONNEMENTEN), real tokens.
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "harness.h"
#include "producer_testing.h"
#include "test_receiver.h"

using namespace vc::registration::testing;
namespace vn = vc::notifications;
using vn::testing::CountIn;
using vn::testing::SubscribedEnv;
using vn::testing::TestReceiver;
using vn::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer ontvanger-geheim";

const std::string kAllChannels =
    R"([{"naam":"gemeenten"},{"naam":"organisaties"},{"naam":"steunpunten"},)"
    R"({"naam":"vrijwilligers"},{"naam":"vacatures"},{"naam":"hulpvragen"}])";

const vn::Message* Find(const std::vector<vn::Message>& got, const std::string& kanaal,
                        const std::string& actie, const std::string& id) {
  for (const vn::Message& m : got) {
    if (m.kanaal == kanaal && m.actie == actie && m.resource_url.size() >= id.size() &&
        m.resource_url.compare(m.resource_url.size() - id.size(), id.size(), id) == 0) {
      return &m;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE(
    "every create, update and destroy is published with its kenmerken, and a destroy "
    "or an erasure carries no personal data",
    "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth, kAllChannels));
  s.Onboard("0363", "Amsterdam",
            R"(,"wijken":[{"code":"noord","naam":"Noord","postcodegebieden":["1021","1022"]}])");
  const std::string token = TenantToken("0363");

  std::string org =
      s.Create("organisaties",
               R"({"naam":"Buurtzorg Noord","soort":"stichting","postcode":"1022 AB"})", token);
  std::string vacature =
      s.Create("vacatures",
               R"({"organisatie":")" + org + R"(","titel":"Maatje","postcode":"1021 AB"})", token);
  REQUIRE(
      s.http().Patch(s.Path("/vacatures/" + vacature), R"({"status":"gesloten"})", token)->status ==
      200);
  std::string volunteer = s.Create(
      "vrijwilligers",
      R"({"voornaam":"Anna","achternaam":"de Vries","postcode":"1021 AB","email":"a@b.nl"})",
      token);
  REQUIRE(s.http().Delete(s.Path("/vrijwilligers/" + volunteer), token)->status == 204);
  std::string hulp = s.Create("hulpvragen", R"({"omschrijving":"Boodschappen","kanaal":"telefoon",
      "hulpvrager":{"naam":"Meneer Pietersen","telefoon":"0201234567"},"postcode":"1021 AB"})",
                              token);
  REQUIRE(s.http().Delete(s.Path("/hulpvragen/" + hulp + "/hulpvrager"), token)->status == 204);
  REQUIRE(s.http().Delete(s.Path("/vacatures/" + vacature), token)->status == 204);

  // gemeente create, organisatie, vacature x3, vrijwilliger x2, hulpvraag x2.
  REQUIRE(WaitFor([&] { return receiver.count() >= 9; }, 10s));
  const std::vector<vn::Message> got = receiver.Received();

  const vn::Message* created = Find(got, "vacatures", "create", vacature);
  REQUIRE(created);
  CHECK(created->resource == "vacature");
  CHECK(created->hoofd_object == created->resource_url);
  CHECK(created->kenmerken.at("gemeente") == "0363");
  CHECK(created->kenmerken.at("status") == "open");
  CHECK(created->kenmerken.at("wijk") == "noord");
  CHECK(created->kenmerken.at("organisatie") == org);
  const vn::Message* closed = Find(got, "vacatures", "update", vacature);
  REQUIRE(closed);
  CHECK(closed->kenmerken.at("status") == "gesloten");
  const vn::Message* removed = Find(got, "vacatures", "destroy", vacature);
  REQUIRE(removed);
  CHECK(removed->kenmerken == std::map<std::string, std::string>{{"gemeente", "0363"}});

  CHECK(Find(got, "organisaties", "create", org));
  CHECK(Find(got, "gemeenten", "create", ""));
  const vn::Message* erased = Find(got, "vrijwilligers", "destroy", volunteer);
  REQUIRE(erased);
  CHECK(erased->kenmerken == std::map<std::string, std::string>{{"gemeente", "0363"}});
  const vn::Message* anonymised = Find(got, "hulpvragen", "update", hulp);
  REQUIRE(anonymised);
  CHECK(anonymised->kenmerken.at("geanonimiseerd") == "ja");

  std::set<std::string> ids;
  for (const vn::Message& m : got) {
    ids.insert(m.id);
    const std::string all = vn::ToJson(m);
    for (const char* personal : {"Anna", "Vries", "a@b.nl", "Pietersen", "0201234567", "1021 AB"}) {
      INFO(all);
      CHECK(all.find(personal) == std::string::npos);
    }
  }
  CHECK(ids.size() == got.size());
}

TEST_CASE("a subscription filter on a kenmerk passes only the matching changes",
          "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth,
                          R"([{"naam":"organisaties","filters":{"soort":"vereniging"}}])"));
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");
  s.Create("organisaties", R"({"naam":"A","soort":"stichting"})", token);
  std::string wanted = s.Create("organisaties", R"({"naam":"B","soort":"vereniging"})", token);

  REQUIRE(WaitFor([&] { return receiver.count() >= 1; }, 10s));
  std::this_thread::sleep_for(300ms);
  REQUIRE(receiver.count() == 1);
  CHECK(Find(receiver.Received(), "organisaties", "create", wanted));
}

TEST_CASE(
    "after kill -9 during a burst, every committed change is delivered and no message "
    "exists for a change that was not committed",
    "[registration][notifications][integration][durability]") {
  TestReceiver receiver(kAuth);
  Running s(SubscribedEnv(receiver.url(), kAuth, R"([{"naam":"vrijwilligers"}])"));
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");

  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      vc::client::Client c(s.process().base_url(), std::chrono::seconds(5), 0);
      for (int i = 0; !stop.load(); ++i) {
        auto r = c.Post(s.Path("/vrijwilligers"),
                        R"({"voornaam":"W)" + std::to_string(w) + "-" + std::to_string(i) +
                            R"(","achternaam":"K","postcode":"1011 AB"})",
                        token);
        if (!r.ok() || r->status != 201) return;  // the server is gone
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged.push_back(IdOf(r->body));
      }
    });
  }
  REQUIRE(WaitFor(
      [&] {
        std::lock_guard<std::mutex> lock(mutex);
        return acknowledged.size() >= 300;
      },
      30s));
  s.process().Kill();
  stop = true;
  for (std::thread& t : writers) t.join();

  // Stopped: the file holds exactly what was committed. Rows and create messages match.
  const std::string db = s.dir().File("registratie.db");
  const int64_t rows = CountIn(db, "SELECT count(*) FROM vrijwilligers");
  CHECK(rows >= static_cast<int64_t>(acknowledged.size()));
  CHECK(CountIn(db, "SELECT count(*) FROM notificaties WHERE kanaal = 'vrijwilligers'") == rows);
  CHECK(CountIn(db,
                "SELECT count(*) FROM vrijwilligers v WHERE NOT EXISTS (SELECT 1 FROM "
                "notificaties n WHERE n.hoofd_object LIKE '%/' || v.id)") == 0);

  s.Restart();
  REQUIRE(WaitFor(
      [&] {
        std::set<std::string> ids;
        for (const vn::Message& m : receiver.Received()) ids.insert(m.id);
        return static_cast<int64_t>(ids.size()) == rows;
      },
      30s));
  const std::vector<vn::Message> got = receiver.Received();
  for (const std::string& id : acknowledged) {
    INFO(id);
    CHECK(Find(got, "vrijwilligers", "create", id));
  }
}
