// The receiving helper on a real server and a real SQLite file: Authorization, de-duplication
// and apply-once, also behind the dispatcher.
#include "vc/notifications/receiver.h"

#include <catch2/catch.hpp>

#include "test_receiver.h"
#include "vc/client/client.h"
#include "vc/notifications/dispatcher.h"
#include "vc/notifications/outbox.h"
#include "vc/notifications/subscription.h"
#include "vc/testing/support.h"

namespace vn = vc::notifications;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer consument-geheim";

// A consuming service: its own store with a copy table, the receiver on a public route.
struct Consumer {
  vc::testing::TempDir dir;
  std::unique_ptr<vc::storage::Database> db;
  std::unique_ptr<vn::Receiver> receiver;
  std::unique_ptr<vc::http::Server> server;
  std::atomic<bool> fail_apply{false};

  Consumer() {
    vc::storage::Options options;
    options.path = dir.File("consument.db");
    db = vc::storage::Database::Open(
             options, {{1, vn::SchemaSql()},
                       {2, "CREATE TABLE toegepast (bericht TEXT NOT NULL, actie TEXT NOT NULL)"}})
             .value();
    receiver = std::make_unique<vn::Receiver>(
        *db, kAuth, [this](vc::storage::Connection& c, const vn::Message& m) -> vc::Status {
          if (fail_apply) return vc::Status(vc::Code::kUnavailable, "tijdelijk niet");
          auto insert = c.Prepare("INSERT INTO toegepast (bericht, actie) VALUES (?, ?)");
          if (!insert.ok()) return insert.status();
          return (*insert)->Bind(1, m.id).Bind(2, m.actie).Run();
        });
    vc::http::ServerOptions server_options;
    server_options.service = "consument";
    server = std::make_unique<vc::http::Server>(
        server_options, std::make_shared<vc::auth::Verifier>(std::vector<vc::auth::Application>{},
                                                             vc::auth::VerifyOptions{},
                                                             vc::SystemClock::Instance()));
    server->Add(receiver->MakeRoute("/api/v1/notificaties"));
    REQUIRE(server->Start().ok());
  }
  ~Consumer() { server->Stop(); }

  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(server->port()) + "/api/v1/notificaties";
  }

  int64_t Applied() {
    vc::storage::ReadLease lease = db->Read();
    auto st = lease->Prepare("SELECT count(*) FROM toegepast");
    REQUIRE(st.ok());
    REQUIRE((*st)->Step().ok());
    return (*st)->Int(0);
  }

  int Post(const std::string& body, const std::string& auth) {
    vc::client::Client c("http://127.0.0.1:" + std::to_string(server->port()));
    vc::client::Call call;
    call.method = "POST";
    call.target = "/api/v1/notificaties";
    call.body = body;
    if (!auth.empty()) call.headers.push_back({"Authorization", auth});
    auto r = c.Send(call);
    REQUIRE(r.ok());
    return r->status;
  }
};

}  // namespace

TEST_CASE("the receiver applies a message once, and a redelivery is answered 204 unapplied",
          "[notifications][integration]") {
  Consumer consumer;
  const std::string body =
      vn::ToJson(vn::testing::SampleMessage("7d4c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09"));

  CHECK(consumer.Post(body, kAuth) == 204);
  CHECK(consumer.Post(body, kAuth) == 204);
  CHECK(consumer.Applied() == 1);

  SECTION("a message without id is de-duplicated on its content") {
    vn::Message external = vn::testing::SampleMessage("");
    CHECK(consumer.Post(vn::ToJson(external), kAuth) == 204);
    CHECK(consumer.Post(vn::ToJson(external), kAuth) == 204);
    CHECK(consumer.Applied() == 2);
  }
  SECTION("the test message of a new subscription is accepted and not applied") {
    vn::Message test = vn::testing::SampleMessage("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
    test.kanaal = "test";
    CHECK(consumer.Post(vn::ToJson(test), kAuth) == 204);
    CHECK(consumer.Applied() == 1);
  }
}

TEST_CASE("the receiver refuses a wrong Authorization and a malformed message",
          "[notifications][integration]") {
  Consumer consumer;
  const std::string body =
      vn::ToJson(vn::testing::SampleMessage("7d4c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09"));
  CHECK(consumer.Post(body, "") == 401);
  CHECK(consumer.Post(body, "Bearer fout") == 401);
  CHECK(consumer.Post(body, kAuth + "x") == 401);
  CHECK(consumer.Post(R"({"kanaal":"vacatures"})", kAuth) == 400);
  CHECK(consumer.Post("{", kAuth) == 400);
  CHECK(consumer.Applied() == 0);
}

TEST_CASE("when applying fails the receipt rolls back too, so the retry applies it",
          "[notifications][integration]") {
  Consumer consumer;
  const std::string body =
      vn::ToJson(vn::testing::SampleMessage("7d4c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09"));
  consumer.fail_apply = true;
  CHECK(consumer.Post(body, kAuth) == 503);
  consumer.fail_apply = false;
  CHECK(consumer.Post(body, kAuth) == 204);
  CHECK(consumer.Applied() == 1);
}

TEST_CASE(
    "a producer's dispatcher delivers to the receiver exactly once per message after "
    "de-duplication",
    "[notifications][integration]") {
  Consumer consumer;
  vc::testing::TempDir dir;
  vc::storage::Options options;
  options.path = dir.File("producent.db");
  auto producer = vc::storage::Database::Open(options, {{1, vn::SchemaSql()}}).value();
  vn::Subscription s;
  s.callback_url = consumer.url();
  s.auth = kAuth;
  s.kanalen = {{"vacatures", {}}};
  REQUIRE(vn::VerifyCallback(s, 1s).ok());
  REQUIRE(producer
              ->Write([&](vc::storage::Connection& c) {
                return vn::InsertSubscription(c, s, "2026-12-03T00:00:00.000Z");
              })
              .ok());
  for (int i = 0; i < 50; ++i) {
    REQUIRE(producer
                ->Write([&](vc::storage::Connection& c) {
                  return vn::Append(c, vn::testing::SampleMessage(""));
                })
                .ok());
  }
  vn::DispatcherOptions fast;
  fast.poll_interval = 10ms;
  vn::Dispatcher dispatcher(*producer, fast);
  REQUIRE(vn::testing::WaitFor([&] { return dispatcher.delivered() == 50; }, 10s));
  CHECK(consumer.Applied() == 50);

  s.auth = "Bearer fout";
  CHECK(vn::VerifyCallback(s, 1s).code() == vc::Code::kInvalidArgument);
}
