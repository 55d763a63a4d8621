// The HTTP server every service runs: Pistache underneath for sockets and threads, our own
// HTTP/1.1 parser and response writer over it, and in one place the conventions of the NLGov
// API Design Rules that apply to every response:
//   - API-Version and the security headers on every response, X-Request-ID accepted or made;
//   - one JSON access-log line per request and Prometheus metrics;
//   - body-size limit (413), Content-Type (415) and Accept (406) checks, 405 with Allow;
//   - bearer-token verification (401) and scope checks (403) before a handler runs;
//   - CORS for an allow-list of origins, `*` for the public documents;
//   - every error as application/problem+json, including malformed HTTP (a strict parser:
//     CRLF only, no obs-fold, Content-Length of digits, chunked as the only transfer coding)
//     and a client too slow with its request (408, header_timeout and body_timeout);
//   - HTTP/1.1 keep-alive by default, closing after idle_timeout; pipelined requests are
//     answered in order, one after the other;
//   - /health/live, /health/ready, /metrics, <prefix>/openapi.json and .yaml.
//
// Lifecycle: optionally Listen() early, Add routes, Start(), then RunUntilSignal() (or Stop() in
// tests). On SIGTERM the
// server stops taking new work (503 and readiness down), waits for in-flight requests up to
// drain_timeout, then stops. Thread-safe after Start().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "vc/auth/token.h"
#include "vc/core/status.h"
#include "vc/http/message.h"
#include "vc/http/metrics.h"
#include "vc/http/router.h"

namespace vc::http {

struct ServerOptions {
  std::string service = "service";
  std::string api_version = "1.0.0";
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: any free port (tests)
  int threads = 2;
  size_t max_body_bytes = 1 << 20;
  std::vector<std::string> cors_origins;
  std::string public_url;  // e.g. "https://api.gemeente.nl"; empty: from the Host header
  std::string prefix;      // "/registratie/api/v1"
  std::string openapi_yaml;
  std::string openapi_json;
  std::chrono::milliseconds drain_timeout{10000};
  // A client that is slower gets a 408 problem and is closed: from a request's first byte (or
  // the connect) to its last header, and to its last body byte.
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::milliseconds body_timeout{30000};
  // A kept-alive connection without a request for this long is closed without an answer.
  std::chrono::milliseconds idle_timeout{300000};
};

class Server {
 public:
  Server(ServerOptions options, std::shared_ptr<const auth::Verifier> verifier);
  ~Server();

  void Add(Route route);  // before Start()
  void SetReadiness(std::function<Status()> check);
  Metrics& metrics() { return *metrics_; }

  // Binds the port without serving yet: a client that connects before Start() waits in the
  // socket's backlog, and is answered once the server starts, instead of being refused.
  // Idempotent; kUnavailable when the port cannot be bound.
  Status Listen();
  // Listen() if not done, then serves on background threads.
  Status Start();
  uint16_t port() const { return port_; }

  // Blocks until SIGTERM or SIGINT (blocked in every thread by BlockTerminationSignals, which
  // main must call before any thread starts), then Drain() and Stop().
  void RunUntilSignal();
  static void BlockTerminationSignals();

  void Drain();  // new requests get 503; waits for in-flight ones
  void Stop();   // idempotent

  // One request through the whole pipeline; sink receives the finished response and whether
  // the connection must close. Used by the socket glue and directly by tests.
  using Sink = std::function<void(const Response&, bool close)>;
  void Dispatch(Request request, Sink sink, bool keep_alive);

  // A request that never reached routing (malformed HTTP, size limits, timeouts).
  Response Reject(const Status& status, std::string_view path);

  const ServerOptions& options() const { return options_; }
  const std::vector<Route>& routes() const { return router_.routes(); }

 private:
  class Glue;
  struct Exchange;

  void AddBuiltins();
  Status Admit(Request& request, const Router::Match& match) const;
  void Finish(Exchange& exchange, Response response);
  void Decorate(const Request& request, const Route* route, Response& response) const;
  bool AllowedOrigin(const std::string& origin) const;
  Response Preflight(const Request& request, const Router::Match& match) const;

  ServerOptions options_;
  std::shared_ptr<const auth::Verifier> verifier_;
  Router router_;
  std::unique_ptr<Metrics> metrics_;
  std::function<Status()> readiness_;
  std::atomic<bool> draining_{false};
  std::atomic<int64_t> in_flight_{0};
  uint16_t port_ = 0;
  struct Endpoint;
  std::unique_ptr<Endpoint> endpoint_;
};

}  // namespace vc::http
