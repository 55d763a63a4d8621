#include "vc/core/thread_name.h"

#include <catch2/catch.hpp>
#include <thread>

TEST_CASE("a thread can be named and its name read back", "[core][unit]") {
  std::string seen;
  std::thread([&seen] {
    vc::NameThisThread("vc-writer");
    seen = vc::ThisThreadName();
  }).join();
  CHECK(seen == "vc-writer");
}

TEST_CASE("a name longer than the kernel keeps is cut to 15 bytes", "[core][unit]") {
  std::string seen;
  std::thread([&seen] {
    vc::NameThisThread("vc-a-name-longer-than-fifteen");
    seen = vc::ThisThreadName();
  }).join();
  CHECK(seen == "vc-a-name-longe");
}
