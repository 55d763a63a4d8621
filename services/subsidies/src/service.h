// The subsidy service as one object: its store and its routes. main.cc runs it behind the
// HTTP server; tests run it in-process the same way.
#pragma once

#include <memory>
#include <string>

#include "http/context.h"
#include "vc/http/server.h"
#include "vc/storage/database.h"

namespace vc::subsidies {

extern const char kOpenApiYaml[];
extern const char kOpenApiJson[];

inline constexpr const char* kPrefix = "/subsidies/api/v1";

struct Config {
  storage::Options storage;
  Tiers default_tiers;         // for schemes that set no accountability bounds
  std::string registratie_url;  // base of the registration API; empty: not checked
};

class Service {
 public:
  static Result<std::unique_ptr<Service>> Open(const Config& config, const Clock& clock);
  ~Service();  // closes the store

  void AddRoutes(http::Server& server);
  Status Ready();
  storage::Database& database() { return *db_; }

 private:
  Service() = default;

  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Context> context_;
};

}  // namespace vc::subsidies
