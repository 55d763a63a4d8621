// Routes: a method, a path pattern with {name} parameters, the scope a token must carry (none
// for public routes) and the handler. Matching is exact per segment; a trailing slash never
// matches (the API has none), so such a path is a 404, not a redirect.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vc/http/message.h"

namespace vc::http {

// Sends the response exactly once, from any thread (e.g. after a group commit).
class Responder {
 public:
  using Sink = std::function<void(Response)>;
  explicit Responder(Sink sink) : sink_(std::make_shared<Sink>(std::move(sink))) {}
  void operator()(Response response) const { (*sink_)(std::move(response)); }

 private:
  std::shared_ptr<Sink> sink_;
};

using Handler = std::function<void(Request&, const Responder&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/registratie/api/v1/vrijwilligers/{id}"
  std::string scope;    // required token scope; empty: public
  Handler handler;
  std::string produces = "application/json";  // for Accept negotiation
  bool public_cors = false;                   // Access-Control-Allow-Origin: * (documents, health)
};

class Router {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::vector<std::string> allowed;  // methods of the path when the method did not match
  };
  // Fills params on success.
  Match Find(std::string_view method, std::string_view path, Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }
  size_t IndexOf(const Route* route) const { return static_cast<size_t>(route - routes_.data()); }

 private:
  struct Segment {
    std::string text;
    bool is_param = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> compiled_;  // parallel to routes_
};

}  // namespace vc::http
