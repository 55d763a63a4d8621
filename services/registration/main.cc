// The registration service: reads its configuration, opens its store, serves until SIGTERM.
#include "bootstrap.h"
#include "demo_data.h"
#include "service.h"
#include "vc/http/server_config.h"
#include "vc/log/log.h"
#include "vc/runtime/serve.h"
#include "vc/runtime/settings.h"

int main() {
  using namespace vc;
  using runtime::FailStart;
  runtime::PrepareProcess();

  config::Env env;
  Result<http::ServerSetup> setup = http::ServerSetupFromEnv(env, "registratie", 8080);
  registration::Config config;
  config.storage =
      runtime::StorageFromEnv(env, setup.ok() ? setup->data_dir : "data", "registratie.db");
  config.pseudonym_key = env.String("VC_PSEUDONYM_KEY", "");
  config.retention_interval =
      std::chrono::seconds(env.Integer("VC_RETENTION_INTERVAL_SECONDS", 86400, 0, 31536000));
  runtime::NotificationSettings notifications = runtime::NotificationsFromEnv(env);
  config.notifications = notifications.dispatcher;
  config.notifications_drain = notifications.drain;
  config.subscriptions_json = notifications.subscriptions_json;
  const bool demo = env.Flag("VC_DEMO_DATA", false);
  const std::string gemeenten = env.String("VC_GEMEENTEN", "");
  if (Status bad = env.Check(); !bad.ok()) return FailStart("registratie", bad.message());
  if (!setup.ok()) return FailStart("registratie", setup.status().message());
  config.public_url = setup->options.public_url;

  runtime::ServiceEdge edge;
  edge.name = "registratie";
  edge.prefix = registration::kPrefix;
  edge.openapi_yaml = registration::kOpenApiYaml;
  edge.openapi_json = registration::kOpenApiJson;
  Result<std::unique_ptr<http::Server>> server = runtime::Listen(*setup, edge);
  if (!server.ok()) return FailStart("registratie", server.status().message());

  Result<std::unique_ptr<registration::Service>> service =
      registration::Service::Open(config, SystemClock::Instance());
  if (!service.ok()) {
    return FailStart("registratie",
                     "cannot open " + config.storage.path + ": " + service.status().message());
  }
  registration::Service& s = **service;
  if (Status ensured = registration::EnsureGemeenten(s.context(), gemeenten); !ensured.ok()) {
    return FailStart("registratie", ensured.message());
  }
  if (demo) {
    if (Status loaded = registration::LoadDemoData(s.context()); !loaded.ok()) {
      return FailStart("registratie", "demo data: " + loaded.message());
    }
  }

  edge.add_routes = [&s](http::Server& to) { s.AddRoutes(to); };
  edge.ready = [&s] { return s.Ready(); };
  edge.database = &s.database();
  int code = runtime::Serve(**server, *setup, edge);
  server->reset();
  service->reset();
  log::Info("registratie.stopped");
  return code;
}
