// The client against a peer on loopback that answers at once, or never.
#include "vc/client/client.h"

#include <catch2/catch.hpp>
#include <future>
#include <string>
#include <thread>

#include "vc/testing/support.h"

using namespace std::chrono_literals;
using vc::client::Call;
using vc::client::Client;
using vc::client::Reply;
using vc::testing::LoopbackPeer;

namespace {

const char kAnswer[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
    "Connection: close\r\n\r\n{\"ok\":true}";

struct Outcome {
  std::promise<std::pair<vc::Result<Reply>, std::thread::id>> promise;
  std::function<void(vc::Result<Reply>)> Callback() {
    return [this](vc::Result<Reply> r) {
      promise.set_value({std::move(r), std::this_thread::get_id()});
    };
  }
};

Call Get(const std::string& target) {
  Call call;
  call.target = target;
  return call;
}

}  // namespace

TEST_CASE("an answer sent without waiting reaches done on another thread", "[client][unit]") {
  LoopbackPeer peer(kAnswer);
  Client client(peer.url(), 2s, 0);
  Outcome outcome;
  auto answered = outcome.promise.get_future();

  client.SendAsync(Get("/organisaties/1"), outcome.Callback());

  REQUIRE(answered.wait_for(5s) == std::future_status::ready);
  auto [reply, thread] = answered.get();
  REQUIRE(reply.ok());
  CHECK(reply->status == 200);
  CHECK(reply->body == R"({"ok":true})");
  CHECK(*reply->Header("content-type") == "application/json");
  CHECK(thread != std::this_thread::get_id());
}

TEST_CASE(
    "a peer that never answers is unavailable after the timeout and the retries, "
    "and the caller never waits for it",
    "[client][unit]") {
  LoopbackPeer peer("");
  Client client(peer.url(), 300ms, 1);
  Outcome outcome;
  auto answered = outcome.promise.get_future();

  const auto start = std::chrono::steady_clock::now();
  client.SendAsync(Get("/organisaties/1"), outcome.Callback());
  CHECK(std::chrono::steady_clock::now() - start < 200ms);

  REQUIRE(answered.wait_for(5s) == std::future_status::ready);
  auto [reply, thread] = answered.get();
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.status().code() == vc::Code::kUnavailable);
  CHECK(peer.accepted() == 2);  // a GET is tried again once
}

TEST_CASE("a POST that gets no answer is not sent twice", "[client][unit]") {
  LoopbackPeer peer("");
  Client client(peer.url(), 300ms, 1);
  Outcome outcome;
  auto answered = outcome.promise.get_future();
  Call post = Get("/aanvragen");
  post.method = "POST";
  post.body = "{}";

  client.SendAsync(post, outcome.Callback());

  REQUIRE(answered.wait_for(5s) == std::future_status::ready);
  CHECK_FALSE(answered.get().first.ok());
  CHECK(peer.accepted() == 1);
}
