#include "vc/http/server.h"

#include <csignal>
#include <thread>

#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/log/log.h"

namespace vc::http {

// One request in flight: lives until its response is finished, whichever thread finishes it.
struct Server::Exchange {
  Request request;
  Sink sink;
  bool keep_alive = true;
  const Route* route = nullptr;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::atomic<bool> done{false};
};

namespace {

bool ValidRequestId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string MediaTypeOf(const std::string& value) {
  std::string type = value.substr(0, value.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// True when the Accept header admits the given media type (or a problem document).
bool Accepts(const std::string& accept, const std::string& produces) {
  const std::string family = produces.substr(0, produces.find('/')) + "/*";
  size_t start = 0;
  while (start <= accept.size()) {
    size_t end = accept.find(',', start);
    if (end == std::string::npos) end = accept.size();
    std::string item = MediaTypeOf(accept.substr(start, end - start));
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    if (item == "*/*" || item == produces || item == family || item == "application/problem+json") {
      return true;
    }
    start = end + 1;
  }
  return false;
}

bool TakesBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

void Server::Add(Route route) { router_.Add(std::move(route)); }

void Server::SetReadiness(std::function<Status()> check) { readiness_ = std::move(check); }

void Server::Dispatch(Request request, Sink sink, bool keep_alive) {
  in_flight_.fetch_add(1);
  auto ex = std::make_shared<Exchange>();
  ex->request = std::move(request);
  ex->sink = std::move(sink);
  ex->keep_alive = keep_alive;
  Request& req = ex->request;

  const std::string* id = req.Header("x-request-id");
  req.request_id = id && ValidRequestId(*id) ? *id : NewUuid();
  const std::string* host = req.Header("host");
  req.base_url = !options_.public_url.empty() ? options_.public_url
                                              : "http://" + (host ? *host : options_.host);

  if (draining_.load()) {
    Finish(*ex, Problem(Status(Code::kUnavailable, "De dienst wordt afgesloten."), req.path));
    return;
  }

  Router::Match match = router_.Find(req.method, req.path, req);
  ex->route = match.route;
  if (req.method == "OPTIONS" && req.Header("access-control-request-method")) {
    Finish(*ex, Preflight(req, match));
    return;
  }

  Status admitted = Admit(req, match);
  if (!admitted.ok()) {
    Response problem = Problem(admitted, req.path);
    if (admitted.code() == Code::kMethodNotAllowed) {
      std::string allow;
      for (const std::string& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      problem.With("Allow", allow);
    }
    if (admitted.code() == Code::kUnauthenticated) {
      problem.With("WWW-Authenticate", "Bearer");
    }
    Finish(*ex, std::move(problem));
    return;
  }

  Responder responder([this, ex](Response response) { Finish(*ex, std::move(response)); });
  try {
    match.route->handler(req, responder);
  } catch (const std::exception& e) {
    Finish(*ex, Problem(Status::Internal(std::string("handler threw: ") + e.what()), req.path));
  }
}

Status Server::Admit(Request& req, const Router::Match& match) const {
  if (!match.route) {
    if (!match.allowed.empty()) {
      return Status(Code::kMethodNotAllowed, "Methode " + req.method + " is hier niet toegestaan.");
    }
    return Status::NotFound("Deze URL bestaat niet.");
  }
  const Route& route = *match.route;

  const std::string* accept = req.Header("accept");
  if (accept && !accept->empty() && !Accepts(*accept, route.produces)) {
    return Status(Code::kNotAcceptable, "Deze URL levert alleen " + route.produces + ".");
  }

  // A POST that only triggers an action may come without a body, and then without a type.
  if (TakesBody(req.method) && !req.body.empty()) {
    const std::string* type = req.Header("content-type");
    std::string media = type ? MediaTypeOf(*type) : "";
    if (media != "application/json" && media != "application/merge-patch+json") {
      return Status(Code::kUnsupportedMedia, "De body moet application/json zijn.");
    }
    if (req.body.size() > options_.max_body_bytes) {
      return Status(Code::kTooLarge,
                    "De body is groter dan " + std::to_string(options_.max_body_bytes) + " bytes.");
    }
  }

  if (route.scope.empty()) return Status::Ok();
  if (!verifier_) return Status(Code::kUnauthenticated, "Er is geen token-verificatie ingesteld.");
  const std::string* authorization = req.Header("authorization");
  Result<auth::Claims> claims = verifier_->Verify(authorization ? *authorization : "");
  if (!claims.ok()) return claims.status();
  if (!claims->HasScope(route.scope)) {
    return Status(Code::kPermissionDenied, "Het token mist de scope '" + route.scope + "'.");
  }
  req.claims = std::move(claims).value();
  return Status::Ok();
}

Response Server::Preflight(const Request& req, const Router::Match& match) const {
  const std::string* origin = req.Header("origin");
  bool public_route = match.route && match.route->public_cors;
  if (!origin || (!public_route && !AllowedOrigin(*origin))) {
    return Problem(Status(Code::kPermissionDenied, "Deze origin is niet toegestaan."), req.path);
  }
  std::string methods;
  if (match.route) methods = match.route->method;
  for (const std::string& m : match.allowed) methods += (methods.empty() ? "" : ", ") + m;

  Response r = Response::NoContent();
  r.With("Access-Control-Allow-Methods", methods)
      .With("Access-Control-Allow-Headers",
            "Authorization, Content-Type, Accept, X-Request-ID, traceparent")
      .With("Access-Control-Max-Age", "600");
  return r;
}

bool Server::AllowedOrigin(const std::string& origin) const {
  for (const std::string& o : options_.cors_origins) {
    if (o == origin) return true;
  }
  return false;
}

void Server::Decorate(const Request& req, const Route* route, Response& r) const {
  r.With("API-Version", options_.api_version)
      .With("X-Request-ID", req.request_id)
      .With("Cache-Control", "no-store")
      .With("Content-Security-Policy", "frame-ancestors 'none'")
      .With("Strict-Transport-Security", "max-age=31536000")
      .With("X-Content-Type-Options", "nosniff")
      .With("X-Frame-Options", "DENY");

  const std::string* origin = req.Header("origin");
  if (route && route->public_cors) {
    r.With("Access-Control-Allow-Origin", "*");
  } else if (origin && AllowedOrigin(*origin)) {
    r.With("Access-Control-Allow-Origin", *origin)
        .With("Vary", "Origin")
        .With("Access-Control-Expose-Headers", "API-Version, Location, X-Request-ID");
  }
}

void Server::Finish(Exchange& ex, Response response) {
  if (ex.done.exchange(true)) return;  // a handler answered twice: the first answer stands

  Decorate(ex.request, ex.route, response);
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - ex.start);
  size_t index = ex.route ? router_.IndexOf(ex.route) : metrics_->unmatched_index();
  metrics_->Record(index, response.status, elapsed);

  const std::string client = ex.request.claims ? ex.request.claims->client_id : "";
  log::Info("http.request", {{"method", ex.request.method},
                             {"path", ex.request.path},
                             {"status", response.status},
                             {"duration_ms", static_cast<double>(elapsed.count()) / 1000.0},
                             {"bytes", response.body.size()},
                             {"request_id", ex.request.request_id},
                             {"client_id", client}});

  const bool close = !ex.keep_alive || draining_.load();
  ex.sink(response, close);
  in_flight_.fetch_sub(1);
}

Response Server::Reject(const Status& status, std::string_view path) {
  Request req;
  req.request_id = NewUuid();
  Response r = Problem(status, path);
  Decorate(req, nullptr, r);
  metrics_->Record(metrics_->unmatched_index(), r.status, std::chrono::microseconds(0));
  log::Info("http.rejected",
            {{"status", r.status}, {"detail", status.message()}, {"request_id", req.request_id}});
  return r;
}

void Server::Drain() {
  if (draining_.exchange(true)) return;
  log::Info("http.draining", {{"in_flight", static_cast<int64_t>(in_flight_.load())}});
  const auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
  while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void Server::BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // A client that disconnects mid-write must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
}

void Server::RunUntilSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  log::Info("http.signal", {{"signal", signal_number}});
  Drain();
  Stop();
}

}  // namespace vc::http
