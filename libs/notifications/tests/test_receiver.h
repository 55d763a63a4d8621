// A real notification receiver for tests: an http::Server on loopback with one public route
// that checks the Authorization value and records every message it accepts. Its behaviour
// can be switched while it runs: accept (204), fail (500) or hang past any attempt timeout.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "vc/http/server.h"
#include "vc/notifications/message.h"

namespace vc::notifications::testing {

enum class Behaviour { kAccept, kFail, kHang };

class TestReceiver {
 public:
  // port 0: any free port; else that one (to bring a receiver back where it was).
  explicit TestReceiver(std::string auth, uint16_t port = 0);
  ~TestReceiver();

  std::string url() const;  // the callback url
  uint16_t port() const { return server_->port(); }
  void Set(Behaviour behaviour) { behaviour_ = behaviour; }

  std::vector<Message> Received() const;  // every accepted post, duplicates included
  size_t count() const;
  int64_t refused() const { return refused_; }  // wrong Authorization

 private:
  std::string auth_;
  std::unique_ptr<http::Server> server_;
  std::atomic<Behaviour> behaviour_{Behaviour::kAccept};
  std::atomic<int64_t> refused_{0};
  mutable std::mutex mutex_;
  std::vector<Message> received_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  std::vector<std::thread> hanging_;
};

// A vacancy update of gemeente 0363 with the given id (empty: none), for tests.
Message SampleMessage(const std::string& id);

// Polls until done() or the timeout passed; returns done().
bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout);

// A port that was free a moment ago (bound by a server that is stopped again).
uint16_t FreePort();

}  // namespace vc::notifications::testing
