#include "connection.h"

#include <catch2/catch.hpp>

namespace {

using vc::http::Connection;
using vc::http::ParserLimits;
using vc::http::Timeouts;
using Phase = Connection::Phase;
using Expiry = Connection::Expiry;
using Result = vc::http::RequestParser::Result;
using std::chrono::milliseconds;

const Timeouts kTimeouts{milliseconds(100), milliseconds(300), milliseconds(1000)};
const Connection::Clock::time_point kStart{};

ParserLimits Limits() {
  ParserLimits limits;
  limits.max_head_bytes = 256;
  limits.max_body_bytes = 256;
  return limits;
}

}  // namespace

TEST_CASE("a new connection must send its request headers within the header timeout",
          "[http][connection]") {
  Connection c(Limits(), kTimeouts, kStart);
  CHECK(c.Due(kStart + milliseconds(100)) == Expiry::kNone);
  CHECK(c.Due(kStart + milliseconds(101)) == Expiry::kTimeout);

  // The clock of a request starts at its first byte.
  c.Receive("GET / HT", kStart + milliseconds(50));
  CHECK(c.Parse() == Result::kIncomplete);
  CHECK(c.Due(kStart + milliseconds(140)) == Expiry::kNone);
  CHECK(c.Due(kStart + milliseconds(151)) == Expiry::kTimeout);
}

TEST_CASE("a body has the body timeout; a request being served has none", "[http][connection]") {
  Connection c(Limits(), kTimeouts, kStart);
  c.Receive("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab", kStart);
  CHECK(c.Parse() == Result::kIncomplete);
  CHECK(c.Due(kStart + milliseconds(200)) == Expiry::kNone);
  CHECK(c.Due(kStart + milliseconds(301)) == Expiry::kTimeout);

  c.Receive("cd", kStart + milliseconds(250));
  REQUIRE(c.Parse() == Result::kRequest);
  CHECK(c.phase() == Phase::kDispatching);
  CHECK(c.TakeRequest().body == "abcd");
  CHECK(c.Due(kStart + milliseconds(5000)) == Expiry::kNone);

  c.Answered(false, kStart + milliseconds(5000));
  CHECK(c.phase() == Phase::kWriting);
  CHECK(c.Due(kStart + milliseconds(9000)) == Expiry::kNone);
}

TEST_CASE("between requests the idle timeout applies, and closing ends in a close",
          "[http][connection]") {
  Connection c(Limits(), kTimeouts, kStart);
  c.Receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n", kStart);
  REQUIRE(c.Parse() == Result::kRequest);
  c.TakeRequest();
  c.Answered(false, kStart);
  c.Written(kStart + milliseconds(10));
  CHECK(c.phase() == Phase::kReading);
  CHECK(c.Due(kStart + milliseconds(1010)) == Expiry::kNone);
  CHECK(c.Due(kStart + milliseconds(1011)) == Expiry::kClose);

  c.Answered(true, kStart + milliseconds(2000));
  CHECK(c.phase() == Phase::kClosing);
  CHECK(c.Due(kStart + milliseconds(2500)) == Expiry::kNone);
  CHECK(c.Due(kStart + milliseconds(3001)) == Expiry::kClose);
  c.Shut();
  CHECK(c.Due(kStart + milliseconds(9000)) == Expiry::kNone);
}

TEST_CASE("pipelined bytes wait for the answer in progress, and are bounded",
          "[http][connection]") {
  Connection c(Limits(), kTimeouts, kStart);
  c.Receive("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n", kStart);
  REQUIRE(c.Parse() == Result::kRequest);
  CHECK(c.TakeRequest().path == "/a");
  CHECK(c.Parse() == Result::kIncomplete);  // not while /a is being served

  c.Answered(false, kStart);
  c.Written(kStart);
  REQUIRE(c.Parse() == Result::kRequest);
  CHECK(c.TakeRequest().path == "/b");

  c.Receive(std::string(600, 'x'), kStart);  // more than a whole request, behind /b
  c.Answered(false, kStart);
  c.Written(kStart);
  REQUIRE(c.Parse() == Result::kError);
  CHECK(c.error().code() == vc::Code::kTooLarge);
}

TEST_CASE("input after a closing answer is dropped", "[http][connection]") {
  Connection c(Limits(), kTimeouts, kStart);
  c.Receive("BREW / HTTP/1.1\r\nHost: x\r\n\r\n", kStart);
  REQUIRE(c.Parse() == Result::kError);
  c.Close(kStart);
  c.Receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n", kStart);
  CHECK(c.Parse() == Result::kIncomplete);
  CHECK(c.phase() == Phase::kClosing);
}
