#include "watchdog.h"

#include <atomic>
#include <catch2/catch.hpp>

namespace {

using namespace std::chrono_literals;

struct Counting final : vc::http::Watchdog::Watched {
  std::atomic<int> checks{0};
  std::atomic<bool> retired{false};
  void Check(std::chrono::steady_clock::time_point) override { ++checks; }
  void Retire() override { retired = true; }
};

}  // namespace

TEST_CASE("the watchdog checks what it watches, forgets what is gone, and retires the rest",
          "[http][watchdog]") {
  vc::http::Watchdog watchdog(5ms);
  auto kept = std::make_shared<Counting>();
  auto gone = std::make_shared<Counting>();
  watchdog.Watch(kept);
  watchdog.Watch(gone);
  gone.reset();

  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (kept->checks < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  CHECK(kept->checks >= 3);

  watchdog.Stop();
  CHECK(kept->retired);
  const int checks = kept->checks;
  std::this_thread::sleep_for(20ms);
  CHECK(kept->checks == checks);  // no Check after Stop

  auto late = std::make_shared<Counting>();
  watchdog.Watch(late);
  CHECK(late->retired);
}
