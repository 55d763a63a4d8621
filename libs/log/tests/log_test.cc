#include "vc/log/log.h"

#include <catch2/catch.hpp>

TEST_CASE("control characters and quotes are escaped in log values", "[log][unit]") {
  std::string out;
  vc::log::AppendEscaped(out, "a\"b\\c\nd\x01");
  CHECK(out == "a\\\"b\\\\c\\nd\\u0001");
}

TEST_CASE("log levels parse from their names only", "[log][unit]") {
  vc::log::Level level = vc::log::Level::kInfo;
  REQUIRE(vc::log::ParseLevel("warn", &level));
  CHECK(level == vc::log::Level::kWarn);
  CHECK_FALSE(vc::log::ParseLevel("verbose", &level));
}
