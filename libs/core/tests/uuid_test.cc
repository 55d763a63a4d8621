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

TEST_CASE("bytes become two lower-case hex digits each", "[core][unit]") {
  const unsigned char bytes[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
  CHECK(vc::Hex(bytes, sizeof bytes) == "00017f80abff");
  CHECK(vc::Hex(bytes, 0).empty());
}

TEST_CASE("random hex has two digits a byte and does not repeat", "[core][unit]") {
  for (size_t size : {size_t{0}, size_t{8}, size_t{16}, size_t{100}}) {  // 100: more than a chunk
    std::string hex = vc::RandomHex(size);
    CAPTURE(size);
    CHECK(hex.size() == 2 * size);
    CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(vc::RandomHex(8));
  CHECK(seen.size() == 1000);
}
