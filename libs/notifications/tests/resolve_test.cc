// Host name lookup within a deadline (src/resolve.h): a numeric address at once, a name through
// the system's resolver, and a resolver that does not answer in time given up on at the
// deadline, its late answer freed without the caller.
#include "../src/resolve.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using vc::notifications::Addresses;
using vc::notifications::ResolveBefore;

uint16_t PortOf(const addrinfo& a) {
  if (a.ai_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(a.ai_addr)->sin_port);
  }
  return ntohs(reinterpret_cast<const sockaddr_in6*>(a.ai_addr)->sin6_port);
}

}  // namespace

TEST_CASE("a numeric address is resolved without asking the resolver",
          "[notifications][resolve][unit]") {
  std::atomic<int> asked{0};
  auto counting = [&](const std::string& host, const std::string& port, const addrinfo& hints,
                      addrinfo** found) {
    ++asked;
    return vc::notifications::SystemLookup(host, port, hints, found);
  };
  std::string error;
  Addresses v4 = ResolveBefore("127.0.0.1", "8080", Clock::now() + 1s, &error, counting);
  REQUIRE(v4);
  CHECK(v4->ai_family == AF_INET);
  CHECK(PortOf(*v4) == 8080);
  Addresses v6 = ResolveBefore("::1", "80", Clock::now() + 1s, &error, counting);
  REQUIRE(v6);
  CHECK(v6->ai_family == AF_INET6);
  CHECK(asked == 0);
}

TEST_CASE("a name is resolved through the system's resolver", "[notifications][resolve][unit]") {
  std::string error;
  Addresses local = ResolveBefore("localhost", "9", Clock::now() + 2s, &error);
  REQUIRE(local);
  CHECK(PortOf(*local) == 9);
  CHECK(error.empty());
}

TEST_CASE("a name the resolver does not know is an error that names it",
          "[notifications][resolve][unit]") {
  auto unknown = [](const std::string&, const std::string&, const addrinfo&, addrinfo**) {
    return EAI_NONAME;
  };
  std::string error;
  CHECK_FALSE(ResolveBefore("ontvanger.invalid", "80", Clock::now() + 1s, &error, unknown));
  CHECK(error.find("ontvanger.invalid") != std::string::npos);
}

TEST_CASE("a resolver that does not answer in time is given up on at the deadline",
          "[notifications][resolve][unit]") {
  std::atomic<bool> answered{false};
  // Answers after a second, as a DNS server that drops the first query would, much later.
  auto slow = [&](const std::string&, const std::string& port, const addrinfo& hints,
                  addrinfo** found) {
    std::this_thread::sleep_for(1s);
    const int rc = vc::notifications::SystemLookup("127.0.0.1", port, hints, found);
    answered = true;
    return rc;
  };

  std::string error;
  const Clock::time_point started = Clock::now();
  Addresses none = ResolveBefore("traag.example", "80", started + 100ms, &error, slow);
  const auto waited = Clock::now() - started;
  CHECK_FALSE(none);
  CHECK(error == "resolve traag.example: no answer in time");
  CHECK(waited >= 100ms);
  CHECK(waited < 900ms);  // well before the resolver's answer
  CHECK_FALSE(answered);

  // The late answer is freed by the lookup's own thread (LeakSanitizer would report it).
  const Clock::time_point limit = Clock::now() + 3s;
  while (!answered && Clock::now() < limit) std::this_thread::sleep_for(10ms);
  CHECK(answered);
  std::this_thread::sleep_for(50ms);
}
