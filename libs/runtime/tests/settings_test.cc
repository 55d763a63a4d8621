#include "vc/runtime/settings.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

namespace vc::runtime {
namespace {

config::Env EnvOf(const std::map<std::string, std::string>& values) {
  return config::Env([values](const char* name) -> const char* {
    auto it = values.find(name);
    return it == values.end() ? nullptr : it->second.c_str();
  });
}

TEST_CASE("the store defaults to a file in the data folder, fully synchronous") {
  config::Env env = EnvOf({});
  storage::Options o = StorageFromEnv(env, "/var/lib/vc", "registratie.db");
  CHECK(o.path == "/var/lib/vc/registratie.db");
  CHECK(o.synchronous == storage::Synchronous::kFull);
  CHECK(env.Check().ok());
}

TEST_CASE("VC_DATABASE and VC_SYNCHRONOUS override the store") {
  config::Env env = EnvOf({{"VC_DATABASE", "/tmp/x.db"}, {"VC_SYNCHRONOUS", "NORMAL"}});
  storage::Options o = StorageFromEnv(env, "data", "registratie.db");
  CHECK(o.path == "/tmp/x.db");
  CHECK(o.synchronous == storage::Synchronous::kNormal);
}

TEST_CASE("a bad synchronous level stops start-up with the variable's name") {
  config::Env env = EnvOf({{"VC_SYNCHRONOUS", "OFF"}});
  StorageFromEnv(env, "data", "s.db");
  Status s = env.Check();
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("VC_SYNCHRONOUS") != std::string::npos);
}

TEST_CASE("notification settings come from VC_NOTIFICATIES_*") {
  config::Env env = EnvOf({{"VC_NOTIFICATIES_BACKOFF_MS", "250"},
                           {"VC_NOTIFICATIES_POGINGEN", "3"},
                           {"VC_NOTIFICATIES_DRAIN_MS", "0"},
                           {"VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN", "7"},
                           {"VC_NOTIFICATIES_ABONNEMENTEN", "[]"}});
  NotificationSettings n = NotificationsFromEnv(env);
  CHECK(env.Check().ok());
  CHECK(n.dispatcher.retention == std::chrono::hours(7 * 24));
  CHECK(n.dispatcher.backoff_base == std::chrono::milliseconds(250));
  CHECK(n.dispatcher.max_attempts == 3);
  CHECK(n.drain == std::chrono::milliseconds(0));
  CHECK(n.subscriptions_json == "[]");
  CHECK(n.dispatcher.forward_url.empty());
  CHECK_FALSE(n.dispatcher.forward_auth);
}

TEST_CASE("the outbox keeps 30 days by default, and a negative retention stops start-up") {
  config::Env defaults = EnvOf({});
  CHECK(NotificationsFromEnv(defaults).dispatcher.retention == std::chrono::hours(30 * 24));

  config::Env env = EnvOf({{"VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN", "-1"}});
  NotificationsFromEnv(env);
  Status s = env.Check();
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("VC_NOTIFICATIES_BEWAARTERMIJN_DAGEN") != std::string::npos);
}

TEST_CASE("forwarding without a long enough secret is refused at start") {
  config::Env env = EnvOf({{"VC_NOTIFICATIES_DOORSTUREN_URL", "http://on/api/v1/notificaties"},
                           {"VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID", "vc"},
                           {"VC_NOTIFICATIES_DOORSTUREN_SECRET", "short"}});
  NotificationsFromEnv(env);
  Status s = env.Check();
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("VC_NOTIFICATIES_DOORSTUREN_SECRET") != std::string::npos);
}

TEST_CASE("forwarding with a client id and secret mints a signed bearer token per round") {
  config::Env env = EnvOf({{"VC_NOTIFICATIES_DOORSTUREN_URL", "http://on/api/v1/notificaties"},
                           {"VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID", "vc"},
                           {"VC_NOTIFICATIES_DOORSTUREN_SECRET", std::string(40, 's')}});
  NotificationSettings n = NotificationsFromEnv(env);
  REQUIRE(env.Check().ok());
  REQUIRE(n.dispatcher.forward_auth);
  std::string header = n.dispatcher.forward_auth();
  CHECK(header.rfind("Bearer ey", 0) == 0);
  CHECK(std::count(header.begin(), header.end(), '.') == 2);
}

TEST_CASE("an invalid pair of variables is reported by name") {
  config::Env env = EnvOf({});
  env.Invalid("VC_X", "needs VC_Y");
  CHECK(env.Check().message() == "VC_X: needs VC_Y");
}

}  // namespace
}  // namespace vc::runtime
