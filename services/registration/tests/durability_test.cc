// Nothing acknowledged is lost: concurrent writers, kill -9 in the middle of a burst, restart.
#include <rapidjson/document.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

#include "harness.h"

using namespace vc::registration::testing;

TEST_CASE("every acknowledged volunteer survives kill -9 with the content acknowledged",
          "[registration][integration][durability]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");

  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> acknowledged;  // id, voornaam
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      vc::client::Client c(s.process().base_url(), std::chrono::seconds(5), 0);
      for (int i = 0; !stop.load(); ++i) {
        std::string name = "W" + std::to_string(w) + "-" + std::to_string(i);
        auto r = c.Post(s.Path("/vrijwilligers"),
                        R"({"voornaam":")" + name + R"(","achternaam":"K","postcode":"1011 AB"})",
                        token);
        if (!r.ok() || r->status != 201) return;  // the server is gone
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged.emplace_back(IdOf(r->body), name);
      }
    });
  }

  // Bounded, so that a service that died early fails the test instead of hanging it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard<std::mutex> lock(mutex);
    if (acknowledged.size() >= 300) break;
  }
  s.process().Kill();
  stop = true;
  for (auto& t : writers) t.join();

  s.Restart();
  REQUIRE(acknowledged.size() >= 300);
  for (const auto& [id, name] : acknowledged) {
    auto r = s.http().Get(s.Path("/vrijwilligers/" + id), token);
    REQUIRE(r.ok());
    REQUIRE(r->status == 200);
    rapidjson::Document doc;
    doc.Parse(r->body.c_str());
    CHECK(std::string(doc["voornaam"].GetString()) == name);
  }
}

TEST_CASE("SIGTERM drains and exits cleanly", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  CHECK(s.process().Terminate() == 0);
}
