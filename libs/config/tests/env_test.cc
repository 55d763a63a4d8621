#include "vc/config/env.h"

#include <catch2/catch.hpp>
#include <map>

namespace {

vc::config::Env EnvOf(const std::map<std::string, std::string>& vars) {
  return vc::config::Env([vars](const char* name) -> const char* {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : it->second.c_str();
  });
}

}  // namespace

TEST_CASE("unset variables take their defaults", "[config][unit]") {
  auto env = EnvOf({});
  CHECK(env.Integer("VC_PORT", 8080, 0, 65535) == 8080);
  CHECK(env.String("VC_DATA_DIR", "data") == "data");
  CHECK(env.Flag("VC_DEMO", false) == false);
  CHECK(env.Check().ok());
}

TEST_CASE("a bad value is reported naming the variable", "[config][unit]") {
  auto [name, value] = GENERATE(table<std::string, std::string>({{"VC_PORT", "abc"},
                                                                 {"VC_PORT", "70000"},
                                                                 {"VC_PORT", ""},
                                                                 {"VC_PORT", "12x"},
                                                                 {"VC_DEMO", "maybe"},
                                                                 {"VC_SYNC", "SOMETIMES"}}));
  CAPTURE(name, value);
  auto env = EnvOf({{name, value}});
  env.Integer("VC_PORT", 8080, 0, 65535);
  env.Flag("VC_DEMO", false);
  env.Choice("VC_SYNC", "FULL", {"FULL", "NORMAL"});
  auto status = env.Check();
  REQUIRE_FALSE(status.ok());
  CHECK(status.message().rfind(name + ":", 0) == 0);
}
