#include "vc/http/server_config.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

using namespace std::chrono_literals;

namespace {

vc::config::Env EnvOf(std::map<std::string, std::string> vars) {
  vars.emplace("VC_APPLICATIONS_FILE", "/nonexistent/applications.txt");
  return vc::config::Env([vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

}  // namespace

TEST_CASE("the server's timeouts come from the environment, with defaults", "[http][unit]") {
  auto defaults = EnvOf({});
  auto unset = vc::http::ServerSetupFromEnv(defaults, "test", 8080);
  REQUIRE(unset.ok());
  CHECK(defaults.Check().ok());
  CHECK(unset->options.header_timeout == 10s);
  CHECK(unset->options.body_timeout == 30s);
  CHECK(unset->options.idle_timeout == 300s);
  CHECK(unset->options.drain_timeout == 10s);

  auto env = EnvOf({{"VC_HEADER_TIMEOUT_MS", "2500"},
                    {"VC_BODY_TIMEOUT_MS", "60000"},
                    {"VC_IDLE_TIMEOUT_MS", "15000"},
                    {"VC_DRAIN_TIMEOUT_MS", "0"}});
  auto set = vc::http::ServerSetupFromEnv(env, "test", 8080);
  REQUIRE(set.ok());
  CHECK(env.Check().ok());
  CHECK(set->options.header_timeout == 2500ms);
  CHECK(set->options.body_timeout == 60s);
  CHECK(set->options.idle_timeout == 15s);
  CHECK(set->options.drain_timeout == 0ms);
}

TEST_CASE("a timeout out of its range stops start-up naming the variable", "[http][unit]") {
  for (const char* name : {"VC_HEADER_TIMEOUT_MS", "VC_BODY_TIMEOUT_MS", "VC_IDLE_TIMEOUT_MS"}) {
    for (const char* value : {"0", "-5", "99999999999", "soon"}) {
      INFO(name << "=" << value);
      auto env = EnvOf({{name, value}});
      (void)vc::http::ServerSetupFromEnv(env, "test", 8080);
      vc::Status checked = env.Check();
      REQUIRE_FALSE(checked.ok());
      CHECK(checked.message().find(name) != std::string::npos);
    }
  }
}
