#include "test_receiver.h"

#include <thread>

namespace vc::notifications::testing {

TestReceiver::TestReceiver(std::string auth, uint16_t port) : auth_(std::move(auth)) {
  http::ServerOptions options;
  options.service = "ontvanger";
  options.port = port;
  options.threads = 2;
  options.drain_timeout = std::chrono::milliseconds(100);
  auto verifier = std::make_shared<auth::Verifier>(std::vector<auth::Application>{},
                                                   auth::VerifyOptions{}, SystemClock::Instance());
  server_ = std::make_unique<http::Server>(options, verifier);
  server_->Add(
      {"POST", "/notificaties", "", [this](http::Request& req, const http::Responder& respond) {
         const std::string* given = req.Header("authorization");
         if (!given || *given != auth_) {
           ++refused_;
           return respond(http::Response::Json(401, "{}"));
         }
         Behaviour now = behaviour_;
         if (now == Behaviour::kFail) return respond(http::Response::Json(500, "{}"));
         if (now == Behaviour::kHang) {
           std::lock_guard<std::mutex> lock(mutex_);
           hanging_.emplace_back([this, respond] {
             std::unique_lock<std::mutex> wait(mutex_);
             stopped_.wait_for(wait, std::chrono::milliseconds(1500), [this] { return stopping_; });
             wait.unlock();
             respond(http::Response::NoContent());
           });
           return;
         }
         Result<Message> m = ParseMessage(req.body);
         if (!m.ok()) return respond(http::Response::Json(400, "{}"));
         {
           std::lock_guard<std::mutex> lock(mutex_);
           received_.push_back(std::move(m).value());
         }
         respond(http::Response::NoContent());
       }});
  if (!server_->Start().ok()) throw std::runtime_error("test receiver cannot bind");
}

// The hanging answers are released and joined first: they must not outlive the server.
TestReceiver::~TestReceiver() {
  std::vector<std::thread> hanging;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    hanging.swap(hanging_);
  }
  stopped_.notify_all();
  for (std::thread& t : hanging) t.join();
  server_->Stop();
}

std::string TestReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port()) + "/notificaties";
}

std::vector<Message> TestReceiver::Received() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

size_t TestReceiver::count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_.size();
}

Message SampleMessage(const std::string& id) {
  Message m;
  m.id = id;
  m.kanaal = "vacatures";
  m.hoofd_object = "http://localhost/registratie/api/v1/vacatures/1";
  m.resource = "vacature";
  m.resource_url = m.hoofd_object;
  m.actie = "update";
  m.aanmaakdatum = "2026-12-03T21:05:08.123Z";
  m.kenmerken = {{"gemeente", "0363"}};
  return m;
}

bool WaitFor(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

uint16_t FreePort() {
  TestReceiver probe("x");
  return probe.port();
}

}  // namespace vc::notifications::testing
