#include "response_writer.h"

#include <catch2/catch.hpp>

namespace {

using vc::http::Framing;
using vc::http::Response;
using vc::http::SerializeResponse;

}  // namespace

TEST_CASE("an answer is one buffer: status line, headers in order, length, body",
          "[http][writer]") {
  Response r = Response::Json(201, R"({"id":"1"})");
  r.With("Location", "/x/1").With("Vary", "Origin").With("Vary", "Accept");
  CHECK(SerializeResponse(r, Framing{}) ==
        "HTTP/1.1 201 Created\r\nLocation: /x/1\r\nVary: Origin\r\nVary: Accept\r\n"
        "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"id\":\"1\"}");
}

TEST_CASE("the framing of an answer follows its request and the connection", "[http][writer]") {
  const Response ok = Response::Json(200, "{}");
  auto [name, framing, expected] = GENERATE_COPY(table<std::string, Framing, std::string>({
      {"closing",
       {false, true, false, false},
       "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"HTTP/1.0 kept alive",
       {true, false, true, false},
       "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"HTTP/1.0 closing",
       {true, true, false, false},
       "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"HEAD: the length, not the body",
       {false, false, false, true},
       "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"},
  }));
  CAPTURE(name);
  CHECK(SerializeResponse(ok, framing) == expected);
}

TEST_CASE("204 carries neither a length nor a body; unknown codes have an empty reason",
          "[http][writer]") {
  Response none = Response::NoContent();
  none.body = "ignored";
  CHECK(SerializeResponse(none, Framing{}) == "HTTP/1.1 204 No Content\r\n\r\n");

  Response odd = Response::Json(299, "");
  odd.content_type.clear();
  CHECK(SerializeResponse(odd, Framing{}) == "HTTP/1.1 299 \r\nContent-Length: 0\r\n\r\n");
}
