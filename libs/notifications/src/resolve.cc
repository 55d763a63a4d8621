#include "resolve.h"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "vc/core/thread_name.h"

namespace vc::notifications {
namespace {

// What the lookup's thread and the caller share; whoever is last frees it.
struct Pending {
  std::mutex mu;
  std::condition_variable finished;
  bool done = false;       // guarded by mu
  bool abandoned = false;  // guarded by mu: the caller stopped waiting
  int rc = 0;              // guarded by mu
  addrinfo* found = nullptr;
};

addrinfo TcpHints(int flags) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = flags;
  return hints;
}

}  // namespace

int SystemLookup(const std::string& host, const std::string& port, const addrinfo& hints,
                 addrinfo** found) {
  return ::getaddrinfo(host.c_str(), port.c_str(), &hints, found);
}

Addresses ResolveBefore(const std::string& host, const std::string& port,
                        std::chrono::steady_clock::time_point deadline, std::string* error,
                        const Lookup& lookup) {
  addrinfo* found = nullptr;
  const addrinfo numeric = TcpHints(AI_NUMERICHOST);
  if (::getaddrinfo(host.c_str(), port.c_str(), &numeric, &found) == 0) return Addresses(found);

  auto pending = std::make_shared<Pending>();
  std::thread([pending, host, port, lookup] {
    NameThisThread("vc-resolve");
    addrinfo* list = nullptr;
    const int rc = lookup(host, port, TcpHints(0), &list);
    std::lock_guard<std::mutex> lock(pending->mu);
    if (pending->abandoned) {
      if (rc == 0 && list != nullptr) ::freeaddrinfo(list);
      return;
    }
    pending->rc = rc;
    pending->found = rc == 0 ? list : nullptr;
    pending->done = true;
    pending->finished.notify_one();
  }).detach();

  std::unique_lock<std::mutex> lock(pending->mu);
  if (!pending->finished.wait_until(lock, deadline, [&] { return pending->done; })) {
    pending->abandoned = true;
    *error = "resolve " + host + ": no answer in time";
    return nullptr;
  }
  if (pending->rc != 0) {
    *error = "resolve " + host + ": " + ::gai_strerror(pending->rc);
    return nullptr;
  }
  return Addresses(pending->found);
}

}  // namespace vc::notifications
