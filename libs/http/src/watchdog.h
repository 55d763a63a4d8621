// A thread that, a few times per timeout, asks every watched object whether one of its
// deadlines has passed; the object acts on its own. It holds weak references only, so a
// watched object that is gone is simply forgotten.
//
// Thread-safe: Watch may be called from any thread. Check runs on the watchdog's thread,
// never while the watchdog holds its own lock.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace vc::http {

class Watchdog {
 public:
  class Watched {
   public:
    virtual ~Watched() = default;
    virtual void Check(std::chrono::steady_clock::time_point now) = 0;
    virtual void Retire() = 0;  // at Stop: the watched object must not act any more
  };

  explicit Watchdog(std::chrono::milliseconds interval);
  ~Watchdog();  // Stop()
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void Watch(std::weak_ptr<Watched> watched);
  // Idempotent. Once it returns no Check runs, and every watched object is retired.
  void Stop();

 private:
  void Run();

  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<std::weak_ptr<Watched>> watched_;
  std::thread thread_;
};

}  // namespace vc::http
