// The steps of every service's main() around its own: bind the port first, serve the routes
// until SIGTERM once the service is open, then stop.
#pragma once

#include <functional>
#include <string>

#include "vc/core/result.h"
#include "vc/http/server.h"
#include "vc/http/server_config.h"
#include "vc/storage/database.h"

namespace vc::runtime {

// The first call of main(), before any thread starts: blocks SIGTERM and SIGINT in every thread
// (Serve waits for them). The services' allocator is mimalloc (vc_allocator in
// libs/runtime/CMakeLists.txt), which needs no tuning here.
void PrepareProcess();

struct ServiceEdge {
  std::string name;          // e.g. "registratie": used in log events and error lines
  std::string prefix;        // e.g. "/registratie/api/v1"
  std::string openapi_yaml;  // the embedded OpenAPI document
  std::string openapi_json;
  // Set once the service is open, before Serve:
  std::function<void(http::Server&)> add_routes;
  std::function<Status()> ready;  // what /health/ready reports
  // The service's store: its commits, writes, syncs and SQLite's memory go into /metrics.
  const storage::Database* database = nullptr;
};

// Binds setup's address with edge's name, prefix and documents, before the service opens its
// store: a client that connects meanwhile (a readiness probe, the first request) waits in the
// socket's backlog and is answered as soon as Serve starts, instead of being refused and
// retrying later. kUnavailable when the port cannot be bound.
Result<std::unique_ptr<http::Server>> Listen(const http::ServerSetup& setup,
                                             const ServiceEdge& edge);

// Adds edge's routes to the server from Listen, serves, writes the port file, blocks until
// SIGTERM or SIGINT and drains. Returns the process exit code: 0 after a clean stop, 2 when it
// could not start (with one line on stderr). The caller closes its service after this returns.
int Serve(http::Server& server, const http::ServerSetup& setup, const ServiceEdge& edge);

// Writes "<name>: <line>" to stderr and returns the exit code for a failed start.
int FailStart(const std::string& name, const std::string& line);

}  // namespace vc::runtime
