#include "vc/core/clock.h"

#include <catch2/catch.hpp>

TEST_CASE("RFC 3339 times round-trip in UTC with milliseconds", "[core][unit]") {
  auto t = vc::ParseRfc3339("2026-12-03T21:05:08.123Z");
  REQUIRE(t);
  CHECK(vc::FormatRfc3339(*t) == "2026-12-03T21:05:08.123Z");
}

TEST_CASE("an offset is converted to UTC", "[core][unit]") {
  auto t = vc::ParseRfc3339("2026-03-29T03:30:00+02:00");
  REQUIRE(t);
  CHECK(vc::FormatRfc3339(*t) == "2026-03-29T01:30:00.000Z");
}

TEST_CASE("malformed or impossible times are refused", "[core][unit]") {
  auto text = GENERATE(as<std::string>{}, "", "2026-12-03", "2026-12-03T21:05:08",
                       "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-03T25:00:00Z",
                       "2026-12-03T21:05:08.Z", "2026-12-03T21:05:08+0200", "yesterday");
  CAPTURE(text);
  CHECK_FALSE(vc::ParseRfc3339(text));
}

TEST_CASE("ISO dates parse and format, leap years included", "[core][unit]") {
  CHECK(vc::ParseIsoDate("1970-01-01") == 0);
  auto leap = vc::ParseIsoDate("2028-02-29");
  REQUIRE(leap);
  CHECK(vc::FormatIsoDate(*leap) == "2028-02-29");
  CHECK_FALSE(vc::ParseIsoDate("2026-02-29"));
  CHECK_FALSE(vc::ParseIsoDate("2026-1-01"));
  CHECK_FALSE(vc::ParseIsoDate("2026-01-01T00:00:00Z"));
}

TEST_CASE("formatting writes every field zero-padded, at the edges of days and years",
          "[core][unit]") {
  auto [ms, text] = GENERATE(table<long long, std::string>({
      {0, "1970-01-01T00:00:00.000Z"},
      {86399999, "1970-01-01T23:59:59.999Z"},
      {951782400000, "2000-02-29T00:00:00.000Z"},
      {1709251199001, "2024-02-29T23:59:59.001Z"},
      {7258118399999, "2199-12-31T23:59:59.999Z"},
      {-1, "1969-12-31T23:59:59.999Z"},
  }));
  CAPTURE(ms);
  vc::TimePoint t{std::chrono::milliseconds(ms)};
  CHECK(vc::FormatRfc3339(t) == text);
  CHECK(vc::ParseRfc3339(text) == t);
}
