#include "watchdog.h"

#include "vc/core/thread_name.h"

namespace vc::http {

Watchdog::Watchdog(std::chrono::milliseconds interval)
    : interval_(interval), thread_([this] {
        NameThisThread("vc-watchdog");
        Run();
      }) {}

Watchdog::~Watchdog() { Stop(); }

void Watchdog::Watch(std::weak_ptr<Watched> watched) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) {
      watched_.push_back(std::move(watched));
      return;
    }
  }
  // Too late to be watched (the server is stopping): retired at once, like the rest.
  if (auto strong = watched.lock()) strong->Retire();
}

void Watchdog::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();

  std::vector<std::weak_ptr<Watched>> watched;
  {
    std::lock_guard<std::mutex> lock(mu_);
    watched.swap(watched_);
  }
  for (const auto& weak : watched) {
    if (auto strong = weak.lock()) strong->Retire();
  }
}

void Watchdog::Run() {
  std::vector<std::shared_ptr<Watched>> alive;
  std::unique_lock<std::mutex> lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    // Forget what is gone, and hold the rest while checking it without the lock, so that a
    // new connection never waits for a round of checks.
    size_t kept = 0;
    for (size_t i = 0; i < watched_.size(); ++i) {
      auto strong = watched_[i].lock();
      if (!strong) continue;
      alive.push_back(std::move(strong));
      if (kept != i) watched_[kept] = std::move(watched_[i]);
      ++kept;
    }
    watched_.resize(kept);
    lock.unlock();

    const auto now = std::chrono::steady_clock::now();
    for (const auto& watched : alive) watched->Check(now);
    alive.clear();
    lock.lock();
  }
}

}  // namespace vc::http
