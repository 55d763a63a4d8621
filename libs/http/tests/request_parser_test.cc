#include "request_parser.h"

#include <catch2/catch.hpp>

namespace {

using vc::http::ParserLimits;
using vc::http::Request;
using vc::http::RequestParser;
using Result = RequestParser::Result;
using namespace std::string_literals;

ParserLimits Small() {
  ParserLimits limits;
  limits.max_head_bytes = 1024;
  limits.max_headers = 8;
  limits.max_body_bytes = 64;
  return limits;
}

// Feeds the bytes in pieces of the given size and returns the first result that is not
// kIncomplete (or kIncomplete when the bytes run out first).
Result FeedInPieces(RequestParser& parser, const std::string& bytes, size_t piece) {
  for (size_t at = 0; at < bytes.size(); at += piece) {
    parser.Feed(std::string_view(bytes).substr(at, piece));
    const Result result = parser.Next();
    if (result != Result::kIncomplete) return result;
  }
  return Result::kIncomplete;
}

struct Good {
  std::string name;
  std::string bytes;
  std::string method;
  std::string path;
  std::string query;  // "name=value;" for each decoded parameter, in name order
  std::string body;
  bool keep_alive;
};

std::string QueryOf(const Request& r) {
  std::string out;
  for (const auto& [name, value] : r.query) out += name + "=" + value + ";";
  return out;
}

}  // namespace

TEST_CASE("well-formed requests are parsed whole, fed at once or byte by byte", "[http][parser]") {
  auto row = GENERATE(values<Good>({
      {"plain GET", "GET /a/b HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "/a/b", "", "", true},
      {"query decoded", "GET /q?naam=Anna+de%20Vries&x=%zz&leeg HTTP/1.1\r\nHost: x\r\n\r\n", "GET",
       "/q", "leeg=;naam=Anna de Vries;x=%zz;", "", true},
      {"first of a repeated parameter", "GET /q?a=1&a=2 HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "/q",
       "a=1;", "", true},
      {"absolute form", "GET http://host:8080/p?k=v HTTP/1.1\r\nHost: host:8080\r\n\r\n", "GET",
       "/p", "k=v;", "", true},
      {"body by Content-Length", "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhallo",
       "POST", "/p", "", "hallo", true},
      {"leading zeros", "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 003\r\n\r\nabc", "POST",
       "/p", "", "abc", true},
      {"same length twice",
       "PUT /p HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok", "PUT",
       "/p", "", "ok", true},
      {"chunked",
       "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
       "chunked\r\n\r\n5\r\nhallo\r\n1;x=y\r\n!\r\n0\r\n\r\n",
       "POST", "/c", "", "hallo!", true},
      {"chunked with trailer",
       "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
       "Chunked\r\n\r\nA\r\n0123456789\r\n0\r\nX-Checksum: "
       "1\r\n\r\n",
       "POST", "/c", "", "0123456789", true},
      {"a stray CRLF before it", "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", "GET", "/", "", "", true},
      {"close", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "GET", "/", "", "",
       false},
      {"close among others", "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, Close\r\n\r\n",
       "GET", "/", "", "", false},
      {"HTTP/1.0", "GET / HTTP/1.0\r\n\r\n", "GET", "/", "", "", false},
      {"HTTP/1.0 keep-alive", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "GET", "/", "",
       "", true},
      {"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", "OPTIONS", "*", "", "", true},
  }));
  CAPTURE(row.name);
  const size_t piece = GENERATE(size_t{1}, size_t{3}, size_t{100000});
  CAPTURE(piece);

  RequestParser parser(Small());
  REQUIRE(FeedInPieces(parser, row.bytes, piece) == Result::kRequest);
  CHECK(parser.keep_alive() == row.keep_alive);
  Request r = parser.TakeRequest();
  CHECK(r.method == row.method);
  CHECK(r.path == row.path);
  CHECK(QueryOf(r) == row.query);
  CHECK(r.body == row.body);
  CHECK(parser.idle());
}

TEST_CASE("header names are lower case, values trimmed, and a repeat's lines joined",
          "[http][parser]") {
  RequestParser parser(Small());
  parser.Feed(
      "GET / HTTP/1.1\r\nHost: x\r\nX-Request-ID: \t abc \t\r\nACCEPT:application/json\r\n"
      "accept: text/plain\r\nX-Leeg:\r\nX-Tekst: caf\xc3\xa9 \xff\x80\x7e\x20 tab\tin een lange "
      "waarde\r\n\r\n");
  REQUIRE(parser.Next() == Result::kRequest);
  Request r = parser.TakeRequest();
  CHECK(r.headers.at("host") == "x");
  CHECK(r.headers.at("x-request-id") == "abc");
  CHECK(r.headers.at("accept") == "application/json, text/plain");
  CHECK(r.headers.at("x-leeg").empty());
  CHECK(r.headers.at("x-tekst") == "caf\xc3\xa9 \xff\x80\x7e\x20 tab\tin een lange waarde");
}

TEST_CASE("malformed requests are refused with 400, oversized ones with 413", "[http][parser]") {
  auto [name, bytes, code] = GENERATE(table<std::string, std::string, vc::Code>({
      {"unknown method", "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"lower-case method", "get / HTTP/1.1\r\nHost: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"no version", "GET /\r\n\r\n", vc::Code::kInvalidArgument},
      {"two spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", vc::Code::kInvalidArgument},
      {"HTTP/1", "GET / HTTP/1\r\n\r\n", vc::Code::kInvalidArgument},
      {"relative target", "GET a/b HTTP/1.1\r\nHost: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"control byte in target", "GET /a\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"fragment", "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"bare LF", "GET / HTTP/1.1\nHost: x\n\n", vc::Code::kInvalidArgument},
      {"bare LF in a header", "GET / HTTP/1.1\r\nHost: x\n\r\n", vc::Code::kInvalidArgument},
      {"CR inside a line", "GET / HTTP/1.1\r\nHost: x\ry\r\n\r\n", vc::Code::kInvalidArgument},
      {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", vc::Code::kInvalidArgument},
      {"no colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", vc::Code::kInvalidArgument},
      {"empty name", "GET / HTTP/1.1\r\nHost: x\r\n: x\r\n\r\n", vc::Code::kInvalidArgument},
      {"obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n", vc::Code::kInvalidArgument},
      {"NUL in a value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n"s,
       vc::Code::kInvalidArgument},
      {"DEL deep in a long value",
       "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(21, 'a') + "\x7f" + "bb\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"ESC deep in a long value",
       "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(13, 'a') + "\x1b" + std::string(20, 'b') +
           "\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", vc::Code::kInvalidArgument},
      {"two Authorizations",
       "GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nauthorization: Bearer b\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"two Content-Types",
       "GET / HTTP/1.1\r\nHost: x\r\nContent-Type: a/b\r\nContent-Type: a/b\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"two Origins", "GET / HTTP/1.1\r\nHost: x\r\nOrigin: a\r\nOrigin: b\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"two traceparents",
       "GET / HTTP/1.1\r\nHost: x\r\ntraceparent: a\r\ntraceparent: b\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"two request ids",
       "GET / HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\r\nX-Request-ID: b\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"HTTP/1.1 without Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"negative length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"plus sign", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +5\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"hex length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x10\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"empty length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length:\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"list of lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 1\r\n\r\nx",
       vc::Code::kInvalidArgument},
      {"conflicting lengths",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"length and chunked",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"gzip", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"gzip then chunked",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"chunked on two lines",
       "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: "
       "chunked\r\n\r\n",
       vc::Code::kInvalidArgument},
      {"length over the limit", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n",
       vc::Code::kTooLarge},
      {"length beyond 64 bits",
       "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
       vc::Code::kTooLarge},
      {"too many headers",
       "GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\nG: 1\r\nH: "
       "1\r\nI: "
       "1\r\n\r\n",
       vc::Code::kTooLarge},
      {"head over the limit",
       "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(1100, 'a') + "\r\n\r\n",
       vc::Code::kTooLarge},
      {"endless request line", "GET /" + std::string(2000, 'a'), vc::Code::kTooLarge},
  }));
  CAPTURE(name);
  RequestParser parser(Small());
  parser.Feed(bytes);
  REQUIRE(parser.Next() == Result::kError);
  CHECK(parser.error().code() == code);
  CHECK(parser.Next() == Result::kError);  // a failed parser stays failed
}

TEST_CASE("malformed and oversized chunks are refused", "[http][parser]") {
  auto [name, chunks, code] = GENERATE(table<std::string, std::string, vc::Code>({
      {"no size", "\r\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"not hex", "zz\r\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"negative", "-3\r\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"0x prefix", "0x3\r\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"junk after the size", "3 x\r\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"bare LF after the size", "3\nabc\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"data longer than its size", "3\r\nabcd\r\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"LF only after the data", "3\r\nabc\n0\r\n\r\n", vc::Code::kInvalidArgument},
      {"bad trailer", "0\r\nX A: 1\r\n\r\n", vc::Code::kInvalidArgument},
      {"chunk over the limit", "41\r\n", vc::Code::kTooLarge},
      {"chunks together over the limit", "20\r\n" + std::string(32, 'a') + "\r\n21\r\n",
       vc::Code::kTooLarge},
      {"size of 16 hex digits", "ffffffffffffffff\r\n", vc::Code::kTooLarge},
      {"endless size line", std::string(5000, '0'), vc::Code::kTooLarge},
  }));
  CAPTURE(name);
  const size_t piece = GENERATE(size_t{1}, size_t{100000});
  CAPTURE(piece);
  RequestParser parser(Small());
  const std::string head = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  REQUIRE(FeedInPieces(parser, head + chunks, piece) == Result::kError);
  CHECK(parser.error().code() == code);
}

TEST_CASE("pipelined requests come out one at a time, in order, with the rest kept",
          "[http][parser]") {
  const std::string bytes =
      "GET /een HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /twee HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
      "POST /drie HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
      "GET /vier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
      "GET /vijf";
  const size_t piece = GENERATE(size_t{1}, size_t{7}, size_t{100000});
  CAPTURE(piece);

  RequestParser parser(Small());
  std::vector<std::string> seen;
  for (size_t at = 0; at < bytes.size(); at += piece) {
    parser.Feed(std::string_view(bytes).substr(at, piece));
    while (parser.Next() == Result::kRequest) {
      const bool keep_alive = parser.keep_alive();
      Request r = parser.TakeRequest();
      seen.push_back(r.path + ":" + r.body + (keep_alive ? "" : ":close"));
    }
  }
  CHECK(seen == std::vector<std::string>{"/een:", "/twee:abc", "/drie:de", "/vier::close"});
  CHECK_FALSE(parser.idle());  // "GET /vijf" waits for the rest of its line
  CHECK(parser.buffered() == 9);
}

TEST_CASE("a request's target is known to its refusal; HEAD and the version are remembered",
          "[http][parser]") {
  RequestParser parser(Small());
  parser.Feed("HEAD /x?y=1 HTTP/1.0\r\nContent-Length: x\r\n\r\n");
  REQUIRE(parser.Next() == Result::kError);
  CHECK(parser.target() == "/x");
  CHECK(parser.head());
  CHECK(parser.http10());
}

TEST_CASE("a 100 Continue is due once, only while an HTTP/1.1 body has not begun",
          "[http][parser]") {
  auto [name, bytes, due] = GENERATE(table<std::string, std::string, bool>({
      {"Content-Length",
       "POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", true},
      {"chunked",
       "POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n",
       true},
      {"body already begun",
       "POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nha", false},
      {"no body",
       "POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n", false},
      {"HTTP/1.0", "POST /p HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", false},
      {"another expectation",
       "POST /p HTTP/1.1\r\nHost: x\r\nExpect: iets\r\nContent-Length: 5\r\n\r\n", false},
      {"no expectation", "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n", false},
  }));
  CAPTURE(name);
  RequestParser parser(Small());
  parser.Feed(bytes);
  REQUIRE(parser.Next() != Result::kError);
  CHECK(parser.TakeContinue() == due);
  CHECK_FALSE(parser.TakeContinue());
}

TEST_CASE("the next request's 100 Continue is its own", "[http][parser]") {
  RequestParser parser(Small());
  parser.Feed("POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
  REQUIRE(parser.Next() == Result::kRequest);
  parser.TakeRequest();
  CHECK_FALSE(parser.TakeContinue());

  parser.Feed("POST /q HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  REQUIRE(parser.Next() == Result::kIncomplete);
  CHECK(parser.TakeContinue());
}
