// Subsidies beside the real registration binary (both on loopback with their own SQLite
// files, one application's signed tokens for both): the organisation check of a new
// application, registration being down, and the two services' demo data agreeing.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <future>
#include <set>
#include <thread>

#include "demo_data.h"
#include "harness.h"
#include "vc/json/writer.h"

using namespace vc::subsidies::testing;
using namespace std::chrono_literals;

namespace {

const std::string kRegistratie = "/registratie/api/v1";
using Env = std::map<std::string, std::string>;

// The registration service, with the same application (client id and secret) as subsidies.
struct Registration {
  vc::testing::TempDir dir;
  std::unique_ptr<vc::testing::ServiceProcess> process;
  std::unique_ptr<vc::client::Client> http;

  explicit Registration(const Env& extra) {
    Env env = {{"VC_DATA_DIR", dir.path()},
               {"VC_APPLICATIONS", kApp.client_id + ":" + kApp.secret},
               {"VC_RETENTION_INTERVAL_SECONDS", "0"}};
    env.insert(extra.begin(), extra.end());
    process = std::make_unique<vc::testing::ServiceProcess>(
        vc::testing::BuildPath("services/registration/vc-registratie"), env);
    REQUIRE(process->Start());
    http = std::make_unique<vc::client::Client>(process->base_url(), 10s, 0);
  }

  std::string Organisation(const std::string& gemeente, const std::string& naam) {
    auto r = http->Post(kRegistratie + "/organisaties",
                        R"({"naam":")" + naam + R"(","soort":"stichting"})",
                        Token({"registratie.schrijven"}, gemeente));
    REQUIRE(r.ok());
    REQUIRE(r->status == 201);
    return Member(r->body, "id");
  }

  std::string Url() const { return process->base_url() + kRegistratie; }
};

// A token that subsidies accepts and that registration lets read organisations.
std::string BothToken(const std::string& gemeente) {
  return Token({"subsidies.lezen", "subsidies.schrijven", "subsidies.beheer", "registratie.lezen"},
               gemeente);
}

vc::client::Reply Apply(Running& s, const std::string& token, const std::string& scheme,
                        const std::string& organisation) {
  vc::json::Writer w;
  w.StartObject().Field("regeling", scheme).Field("organisatie", organisation);
  w.Field("aangevraagdBedrag", int64_t{250000}).Field("omschrijving", "Taalcafe").EndObject();
  auto r = s.http().Post(s.Path("/aanvragen"), w.Take(), token);
  REQUIRE(r.ok());
  return *r;
}

std::string FirstInvalidParam(const vc::client::Reply& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  REQUIRE(doc.IsObject());
  REQUIRE(doc.HasMember("invalidParams"));
  return doc["invalidParams"][0]["name"].GetString();
}

}  // namespace

TEST_CASE(
    "an application needs an organisation that registration knows in its gemeente, "
    "and registration being down is a 503 problem, not a hang",
    "[subsidies][registration][integration]") {
  Registration registration(Env{{"VC_GEMEENTEN", "0363:Amsterdam,0599:Rotterdam"}});
  const std::string ours = registration.Organisation("0363", "Buurthuis De Pijp");
  const std::string theirs = registration.Organisation("0599", "Buurthuis Noord");
  Running s(Env{{"VC_REGISTRATIE_URL", registration.Url()}});
  const std::string token = BothToken("0363");
  const std::string scheme = s.Scheme(token);

  auto accepted = Apply(s, token, scheme, ours);
  INFO(accepted.body);
  CHECK(accepted.status == 201);
  CHECK(Member(accepted.body, "organisatie") == ours);

  const std::string unknown = "0b7e3c1a-2d4f-4a6b-8c9d-0e1f2a3b4c5d";
  for (const std::string& organisation : {theirs, unknown}) {
    auto refused = Apply(s, token, scheme, organisation);
    INFO(refused.body);
    CHECK(refused.status == 422);
    CHECK(IsProblem(refused));
    CHECK(FirstInvalidParam(refused) == "organisatie");
  }

  // A token without registratie.lezen cannot have the organisation checked.
  auto forbidden = Apply(s, ManagerToken("0363"), scheme, ours);
  CHECK(forbidden.status == 403);
  CHECK(IsProblem(forbidden));
  CHECK(forbidden.body.find("registratie.lezen") != std::string::npos);

  registration.process->Kill();
  const auto start = std::chrono::steady_clock::now();
  auto down = Apply(s, token, scheme, ours);
  const auto took = std::chrono::steady_clock::now() - start;
  INFO(down.body);
  CHECK(down.status == 503);
  CHECK(IsProblem(down));
  CHECK(down.body.find("registratiedienst") != std::string::npos);
  CHECK(took < 6s);
  CHECK(s.http().Get(s.Path("/aanvragen"), token)->status == 200);
  CHECK(Member(s.http().Get(s.Path("/aanvragen"), token)->body, "count") == "1");
}

TEST_CASE(
    "a registration that never answers holds no server thread: other requests are answered "
    "meanwhile, and the application gets a 503",
    "[subsidies][registration][integration]") {
  vc::testing::LoopbackPeer hanging("");
  // One server thread: a check that held it would hold every other request too.
  Running s(Env{{"VC_REGISTRATIE_URL", hanging.url() + kRegistratie}, {"VC_THREADS", "1"}});
  const std::string token = BothToken("0363");
  const std::string scheme = s.Scheme(token);

  auto application = std::async(std::launch::async, [&] {
    return Apply(s, token, scheme, "0b7e3c1a-2d4f-4a6b-8c9d-0e1f2a3b4c5d");
  });
  for (int i = 0; i < 500 && hanging.accepted() < 1; ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(hanging.accepted() >= 1);  // the application's check is waiting for registration

  const auto start = std::chrono::steady_clock::now();
  auto meanwhile = s.http().Get(s.Path("/regelingen/" + scheme), token);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(meanwhile.ok());
  CHECK(meanwhile->status == 200);
  CHECK(took < 1s);  // registration's timeout is 2 s, tried twice

  vc::client::Reply refused = application.get();
  INFO(refused.body);
  CHECK(refused.status == 503);
  CHECK(IsProblem(refused));
  CHECK(hanging.accepted() == 2);  // the check is a GET: tried once more
}

TEST_CASE(
    "the demo data of subsidies applies for organisations of registration's demo data, "
    "in several states, and is loaded once",
    "[subsidies][registration][demo][integration]") {
  Registration registration(Env{{"VC_DEMO_DATA", "1"}});
  Running s(Env{{"VC_DEMO_DATA", "1"}, {"VC_REGISTRATIE_URL", registration.Url()}});
  const std::string token = BothToken(vc::subsidies::kDemoGemeente);

  auto schemes = s.http().Get(s.Path("/regelingen"), token);
  REQUIRE(schemes->status == 200);
  rapidjson::Document listed;
  listed.Parse(schemes->body.c_str());
  REQUIRE(listed["count"].GetInt() == 3);
  std::set<std::string> kinds;
  std::string budget;
  for (const auto& r : listed["results"].GetArray()) {
    kinds.insert(r["soort"].GetString());
    if (std::string(r["soort"].GetString()) == "budgetsubsidie") budget = r["id"].GetString();
    if (std::string(r["soort"].GetString()) == "projectsubsidie") {
      CHECK(r["maxPerAanvraag"].GetInt64() == 1500000);
    }
  }
  CHECK(kinds ==
        std::set<std::string>{"budgetsubsidie", "projectsubsidie", "instandhoudingssubsidie"});
  auto scheme = s.http().Get(s.Path("/regelingen/" + budget), token);
  CHECK(Member(scheme->body, "geboekt") == "4000000");
  CHECK(Member(scheme->body, "resterendPlafond") == "41000000");

  auto apps = s.http().Get(s.Path("/aanvragen"), token);
  rapidjson::Document all;
  all.Parse(apps->body.c_str());
  REQUIRE(all["count"].GetInt() == 6);
  std::set<std::string> states, organisations;
  for (const auto& a : all["results"].GetArray()) {
    states.insert(a["status"].GetString());
    organisations.insert(a["organisatie"].GetString());
  }
  CHECK(states == std::set<std::string>{"concept", "ingediend", "in_behandeling",
                                        "voorschot_betaald", "uitbetaald", "geweigerd"});
  for (const std::string& organisation : organisations) {
    INFO(organisation);
    auto known = registration.http->Get(kRegistratie + "/organisaties/" + organisation, token);
    CHECK(known->status == 200);
    CHECK(Apply(s, token, budget, organisation).status == 201);
  }

  REQUIRE(s.process().Terminate() == 0);
  s.Restart();
  CHECK(Member(s.http().Get(s.Path("/regelingen"), token)->body, "count") == "3");
}
