// Forwarding to an external Open Notificaties, with a ZGW JWT, and every emitted message
// checked against the Message schema of the Open Notificaties OpenAPI document
// (../shared/standards/open-notificaties-openapi.yaml) when that file is present.
#include <catch2/catch.hpp>
#include <mutex>

#include "harness.h"
#include "message_schema.h"
#include "test_receiver.h"
#include "vc/http/server.h"

using namespace vc::registration::testing;
using namespace std::chrono_literals;

namespace {

const vc::auth::Application kHubClient{"registratie-bij-on", std::string(40, 'n')};

// A stand-in for Open Notificaties: POST /api/v1/notificaties behind a real JWT check with
// the scope notificaties.publiceren; keeps every body.
struct Hub {
  std::unique_ptr<vc::http::Server> server;
  std::mutex mutex;
  std::vector<std::string> bodies;

  Hub() {
    vc::http::ServerOptions options;
    options.service = "open-notificaties";
    server = std::make_unique<vc::http::Server>(
        options, std::make_shared<vc::auth::Verifier>(
                     std::vector<vc::auth::Application>{kHubClient}, vc::auth::VerifyOptions{},
                     vc::SystemClock::Instance()));
    server->Add({"POST", "/api/v1/notificaties", "notificaties.publiceren",
                 [this](vc::http::Request& req, const vc::http::Responder& respond) {
                   {
                     std::lock_guard<std::mutex> lock(mutex);
                     bodies.push_back(req.body);
                   }
                   respond(vc::http::Response::Json(201, req.body));
                 }});
    REQUIRE(server->Start().ok());
  }
  ~Hub() { server->Stop(); }
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex);
    return bodies.size();
  }
};

}  // namespace

TEST_CASE(
    "with forwarding configured, every change goes to the external Open Notificaties "
    "with a ZGW JWT, and every message validates against its Message schema",
    "[registration][notifications][integration]") {
  Hub hub;
  Running s({{"VC_NOTIFICATIES_DOORSTUREN_URL",
              "http://127.0.0.1:" + std::to_string(hub.server->port()) + "/api/v1/notificaties"},
             {"VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID", kHubClient.client_id},
             {"VC_NOTIFICATIES_DOORSTUREN_SECRET", kHubClient.secret},
             {"VC_NOTIFICATIES_POLL_MS", "10"}});
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");
  std::string org = s.Create("organisaties", R"({"naam":"A","soort":"stichting"})", token);
  std::string punt = s.Create("steunpunten", R"({"naam":"Bieb","soort":"bibliotheek",
      "adres":{"straat":"Plein","huisnummer":"1","postcode":"1021 AB","plaats":"Amsterdam"}})",
                              token);
  std::string vac = s.Create("vacatures", R"({"organisatie":")" + org + R"(","titel":"M"})", token);
  std::string vrij =
      s.Create("vrijwilligers", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB"})", token);
  std::string hulp = s.Create("hulpvragen", R"({"omschrijving":"x","kanaal":"online",
      "hulpvrager":{"naam":"R"},"postcode":"1011 AB"})",
                              token);
  REQUIRE(s.http().Patch(s.Path("/vacatures/" + vac), R"({"status":"gesloten"})", token)->status ==
          200);
  REQUIRE(s.http().Delete(s.Path("/hulpvragen/" + hulp + "/hulpvrager"), token)->status == 204);
  REQUIRE(s.http().Delete(s.Path("/vrijwilligers/" + vrij), token)->status == 204);
  REQUIRE(s.http().Delete(s.Path("/steunpunten/" + punt), token)->status == 204);

  // gemeente, organisatie, steunpunt x2, vacature x2, vrijwilliger x2, hulpvraag x2.
  REQUIRE(vc::notifications::testing::WaitFor([&] { return hub.count() == 10; }, 10s));

  std::vector<std::string> bodies;
  {
    std::lock_guard<std::mutex> lock(hub.mutex);
    bodies = hub.bodies;
  }
  vc::notifications::testing::SchemaCheck check =
      vc::notifications::testing::CheckAgainstOpenNotificaties(bodies);
  if (!check.ran) {
    WARN("skipped the Message schema check: " << check.why);
    return;
  }
  CHECK(check.valid);
}
