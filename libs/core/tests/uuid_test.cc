#include "vc/core/uuid.h"

#include <catch2/catch.hpp>
#include <set>

TEST_CASE("new ids are version 4 UUIDs and do not repeat", "[core][unit]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = vc::NewUuid();
    REQUIRE(vc::IsUuid(id));
    CHECK(id[14] == '4');
    CHECK((id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b'));
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("malformed ids are not UUIDs", "[core][unit]") {
  auto text =
      GENERATE(as<std::string>{}, "", "123", "00000000-0000-0000-0000-00000000000",
               "00000000-0000-0000-0000-0000000000000", "0000000000000000000000000000000000000",
               "g0000000-0000-0000-0000-000000000000", "00000000_0000-0000-0000-000000000000",
               "../../../etc/passwd");
  CAPTURE(text);
  CHECK_FALSE(vc::IsUuid(text));
}

TEST_CASE("secure random bytes do not repeat across buffer refills", "[core][unit]") {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {  // 2000 x 24 bytes: several 4 KiB refills
    unsigned char bytes[24];
    vc::SecureRandom(bytes, sizeof bytes);
    seen.emplace(reinterpret_cast<char*>(bytes), sizeof bytes);
  }
  CHECK(seen.size() == 2000);
}
