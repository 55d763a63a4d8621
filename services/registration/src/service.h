// The registration service as one object: its store, tenants, processing log and routes.
// main.cc runs it behind the HTTP server; integration tests run it in-process the same way.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "http/context.h"
#include "privacy/erasure.h"
#include "vc/http/server.h"
#include "vc/notifications/dispatcher.h"
#include "vc/storage/database.h"

namespace vc::registration {

extern const char kOpenApiYaml[];
extern const char kOpenApiJson[];

inline constexpr const char* kPrefix = "/registratie/api/v1";

struct Config {
  storage::Options storage;            // path, synchronous level, pool size
  std::string pseudonym_key;           // empty: kept in the store, made on first start
  std::chrono::seconds retention_interval{0};  // 0: only on request
  std::string public_url;  // base of resource urls in notifications; empty: the request's
  notifications::DispatcherOptions notifications;
  std::string subscriptions_json;  // configured subscriptions, a JSON list; empty: none
  std::chrono::milliseconds notifications_drain{5000};  // delivery drain bound at shutdown
};

class Service {
 public:
  static Result<std::unique_ptr<Service>> Open(const Config& config, const Clock& clock);
  ~Service();  // flushes the processing log and closes the store

  void AddRoutes(http::Server& server);
  Status Ready();
  Context& context() { return *context_; }
  notifications::Dispatcher& dispatcher() { return *dispatcher_; }
  storage::Database& database() { return *db_; }

 private:
  Service() = default;

  std::unique_ptr<storage::Database> db_;
  TenantCache tenants_;
  std::unique_ptr<ProcessingLog> processing_;
  std::unique_ptr<Context> context_;
  std::unique_ptr<RetentionScheduler> retention_;
  std::unique_ptr<notifications::Dispatcher> dispatcher_;
  std::chrono::milliseconds notifications_drain_{0};
  std::chrono::milliseconds verify_timeout_{0};
};

}  // namespace vc::registration
