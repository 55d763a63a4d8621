// The subsidy service as one object: its store, its notification dispatcher and its routes.
// main.cc runs it behind the HTTP server.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http/context.h"
#include "vc/http/server.h"
#include "vc/notifications/dispatcher.h"
#include "vc/storage/database.h"

namespace vc::subsidies {

extern const char kOpenApiYaml[];
extern const char kOpenApiJson[];

inline constexpr const char* kPrefix = "/subsidies/api/v1";

struct Config {
  storage::Options storage;
  Tiers default_tiers;          // for schemes that set no accountability bounds
  std::string registratie_url;  // base of the registration API; empty: not checked
  std::string public_url;       // base of the urls in notifications; empty: the request's
  notifications::DispatcherOptions notifications;
  std::string subscriptions_json;  // configured subscriptions, a JSON list; empty: none
  std::chrono::milliseconds notifications_drain{5000};  // delivery drain bound at shutdown
};

class Service {
 public:
  // Opens the store, applies the configured subscriptions and starts the dispatcher.
  static Result<std::unique_ptr<Service>> Open(const Config& config, const Clock& clock);
  ~Service();  // lets the dispatcher deliver what is due (notifications_drain), closes the store

  void AddRoutes(http::Server& server);
  Status Ready();
  Context& context() { return *context_; }
  storage::Database& database() { return *db_; }

 private:
  Service() = default;

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Context> context_;
  std::unique_ptr<notifications::Dispatcher> dispatcher_;
  std::chrono::milliseconds notifications_drain_{0};
  std::chrono::milliseconds verify_timeout_{0};
};

}  // namespace vc::subsidies
