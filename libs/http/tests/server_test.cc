#include "vc/http/server.h"

#include <catch2/catch.hpp>
#include <thread>

#include "vc/client/client.h"
#include "vc/testing/support.h"

namespace {

using vc::http::Request;
using vc::http::Responder;
using vc::http::Response;

const vc::auth::Application kApp{"test-app", std::string(40, 's')};

struct Fixture {
  std::unique_ptr<vc::http::Server> server;
  std::string token;

  Fixture() {
    vc::http::ServerOptions options;
    options.service = "test";
    options.prefix = "/test/api/v1";
    options.max_body_bytes = 64 * 1024;
    options.cors_origins = {"https://app.example.nl"};
    options.openapi_json = R"({"openapi":"3.0.3"})";
    options.openapi_yaml = "openapi: 3.0.3\n";
    auto verifier = std::make_shared<vc::auth::Verifier>(std::vector<vc::auth::Application>{kApp},
                                                         vc::auth::VerifyOptions{},
                                                         vc::SystemClock::Instance());
    server = std::make_unique<vc::http::Server>(options, verifier);

    server->Add({"GET", "/test/api/v1/dingen/{id}", "test.lezen",
                 [](Request& req, const Responder& respond) {
                   respond(Response::Json(200, "{\"id\":\"" + req.Param("id") + "\"}"));
                 }});
    server->Add({"POST", "/test/api/v1/dingen", "test.schrijven",
                 [](Request& req, const Responder& respond) {
                   // Answer from another thread, as a group commit does.
                   std::string body = req.body;
                   std::thread([respond, body] { respond(Response::Json(201, body)); }).detach();
                 }});
    server->Add({"GET", "/test/api/v1/fout", "", [](Request&, const Responder&) {
                   throw std::runtime_error("secret detail /var/lib/x.db");
                 }});
    REQUIRE(server->Start().ok());

    vc::auth::Claims claims;
    claims.client_id = kApp.client_id;
    claims.scopes = {"test.lezen", "test.schrijven"};
    claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    token = vc::auth::Mint(kApp, claims).value();
  }

  std::string Url() const { return "http://127.0.0.1:" + std::to_string(server->port()); }
  std::string Raw(const std::string& bytes) const {
    return vc::testing::RawExchange(server->port(), bytes);
  }
};

bool IsProblem(const vc::client::Reply& r) {
  const std::string* type = r.Header("content-type");
  return type && *type == "application/problem+json" &&
         r.body.find("\"status\":") != std::string::npos;
}

}  // namespace

TEST_CASE("every response carries API-Version, a request id and the security headers",
          "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  auto r = c.Get("/test/api/v1/dingen/42", f.token);
  REQUIRE(r.ok());
  CHECK(r->status == 200);
  CHECK(r->body == R"({"id":"42"})");
  for (const char* h : {"api-version", "x-request-id", "x-content-type-options", "x-frame-options",
                        "strict-transport-security", "cache-control", "content-security-policy"}) {
    CAPTURE(h);
    CHECK(r->Header(h));
  }
}

TEST_CASE("a request id from the client is echoed, a hostile one replaced", "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  vc::client::Call call{"GET", "/test/api/v1/dingen/1", "", "", f.token, "abc-123", {}};
  auto r = c.Send(call);
  REQUIRE(r.ok());
  CHECK(*r->Header("x-request-id") == "abc-123");

  call.request_id = "bad id\twith spaces";
  r = c.Send(call);
  REQUIRE(r.ok());
  CHECK(*r->Header("x-request-id") != call.request_id);
}

TEST_CASE("HTTP/1.1 without a Connection header is kept alive", "[http][integration]") {
  Fixture f;
  std::string get = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string raw = f.Raw(get + get);
  CHECK(raw.find("Connection: close") == std::string::npos);
  CHECK(vc::testing::StatusOf(raw) == 200);

  std::string closing = f.Raw("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CHECK(closing.find("Connection: close") != std::string::npos);
}

TEST_CASE("tokens and scopes are checked before the handler", "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());

  auto missing = c.Get("/test/api/v1/dingen/1");
  REQUIRE(missing.ok());
  CHECK(missing->status == 401);
  CHECK(IsProblem(*missing));
  CHECK(missing->Header("www-authenticate"));

  vc::auth::Claims only_read;
  only_read.client_id = kApp.client_id;
  only_read.scopes = {"test.lezen"};
  only_read.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  auto reader = vc::auth::Mint(kApp, only_read).value();
  auto forbidden = c.Post("/test/api/v1/dingen", "{}", reader);
  REQUIRE(forbidden.ok());
  CHECK(forbidden->status == 403);
  CHECK(IsProblem(*forbidden));
}

TEST_CASE("a response may be sent from another thread", "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  auto r = c.Post("/test/api/v1/dingen", R"({"a":1})", f.token);
  REQUIRE(r.ok());
  CHECK(r->status == 201);
  CHECK(r->body == R"({"a":1})");
}

TEST_CASE("routing errors are problems: 404 for a trailing slash, 405 with Allow",
          "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  auto slash = c.Get("/test/api/v1/dingen/1/", f.token);
  REQUIRE(slash.ok());
  CHECK(slash->status == 404);
  CHECK(IsProblem(*slash));

  auto method = c.Delete("/test/api/v1/dingen/1", f.token);
  REQUIRE(method.ok());
  CHECK(method->status == 405);
  REQUIRE(method->Header("allow"));
  CHECK(*method->Header("allow") == "GET");
}

TEST_CASE("wrong media types are refused with 415 and 406", "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  vc::client::Call text{"POST", "/test/api/v1/dingen", "a=b", "text/plain", f.token, "", {}};
  auto r = c.Send(text);
  REQUIRE(r.ok());
  CHECK(r->status == 415);
  CHECK(IsProblem(*r));

  vc::client::Call xml{"GET", "/test/api/v1/dingen/1", "", "", f.token,
                       "",    {{"Accept", "text/xml"}}};
  r = c.Send(xml);
  REQUIRE(r.ok());
  CHECK(r->status == 406);
}

TEST_CASE("a handler that throws gives a 500 problem without the internal detail",
          "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  auto r = c.Get("/test/api/v1/fout");
  REQUIRE(r.ok());
  CHECK(r->status == 500);
  CHECK(IsProblem(*r));
  CHECK(r->body.find("secret") == std::string::npos);
}

TEST_CASE("malformed HTTP is answered with problem+json, never plain text or a 500",
          "[http][integration]") {
  Fixture f;
  auto [name, bytes, status] = GENERATE(table<std::string, std::string, int>({
      {"negative length",
       "POST /test/api/v1/dingen HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400},
      {"bad version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400},
      {"bad method", "BREW /test HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"HTTP/1.1 without Host", "GET /health/live HTTP/1.1\r\n\r\n", 400},
      {"garbage", "\x01\x02\x03 nonsense\r\n\r\n", 400},
      {"huge body",
       "POST /test/api/v1/dingen HTTP/1.1\r\nHost: x\r\nContent-Type: "
       "application/json\r\nContent-Length: 200000\r\n\r\n" +
           std::string(200000, 'a'),
       413},
  }));
  CAPTURE(name);
  std::string raw = f.Raw(bytes);
  CHECK(vc::testing::StatusOf(raw) == status);
  CHECK(raw.find("application/problem+json") != std::string::npos);
  CHECK(raw.find("API-Version") != std::string::npos);
}

TEST_CASE("CORS is answered for allowed origins only; documents are public",
          "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  vc::client::Call pre{
      "OPTIONS",
      "/test/api/v1/dingen/1",
      "",
      "",
      "",
      "",
      {{"Origin", "https://app.example.nl"}, {"Access-Control-Request-Method", "GET"}}};
  auto ok = c.Send(pre);
  REQUIRE(ok.ok());
  CHECK(ok->status == 204);
  CHECK(*ok->Header("access-control-allow-origin") == "https://app.example.nl");

  pre.headers[0].second = "https://evil.example.com";
  auto refused = c.Send(pre);
  REQUIRE(refused.ok());
  CHECK(refused->status == 403);
  CHECK_FALSE(refused->Header("access-control-allow-origin"));

  auto doc = c.Get("/test/api/v1/openapi.json");
  REQUIRE(doc.ok());
  CHECK(doc->status == 200);
  CHECK(*doc->Header("access-control-allow-origin") == "*");
  auto yaml = c.Get("/test/api/v1/openapi.yaml");
  REQUIRE(yaml.ok());
  CHECK(*yaml->Header("content-type") == "application/yaml");
}

TEST_CASE("health and metrics are served", "[http][integration]") {
  Fixture f;
  vc::client::Client c(f.Url());
  CHECK(c.Get("/health/live")->status == 200);
  CHECK(c.Get("/health/ready")->status == 200);
  c.Get("/test/api/v1/dingen/1", f.token);
  auto m = c.Get("/metrics");
  REQUIRE(m.ok());
  CHECK(m->body.find(
            "vc_http_requests_total{route=\"GET /test/api/v1/dingen/{id}\",code=\"2xx\"} 1") !=
        std::string::npos);
}

TEST_CASE("after draining, new requests get 503 and readiness is down", "[http][integration]") {
  Fixture f;
  f.server->Drain();
  vc::client::Client c(f.Url(), std::chrono::seconds(2), 0);
  auto r = c.Get("/health/ready");
  REQUIRE(r.ok());
  CHECK(r->status == 503);
}
