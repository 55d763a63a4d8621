// The subsidy service: reads its configuration, opens its store, serves until SIGTERM.
#include "demo_data.h"
#include "domain/money.h"
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
  Result<http::ServerSetup> setup = http::ServerSetupFromEnv(env, "subsidies", 8082);
  subsidies::Config config;
  config.storage =
      runtime::StorageFromEnv(env, setup.ok() ? setup->data_dir : "data", "subsidies.db");
  config.default_tiers.no_report_below =
      env.Integer("VC_VERANTWOORDING_GEEN_VERSLAG_ONDER", config.default_tiers.no_report_below, 1,
                  subsidies::kMaxCents);
  config.default_tiers.activities_up_to =
      env.Integer("VC_VERANTWOORDING_ACTIVITEITENVERSLAG_TOT",
                  config.default_tiers.activities_up_to, 1, subsidies::kMaxCents);
  config.registratie_url = env.String("VC_REGISTRATIE_URL", "");
  runtime::NotificationSettings notifications = runtime::NotificationsFromEnv(env);
  config.notifications = notifications.dispatcher;
  config.notifications_drain = notifications.drain;
  config.subscriptions_json = notifications.subscriptions_json;
  const bool demo = env.Flag("VC_DEMO_DATA", false);
  if (Status bad = env.Check(); !bad.ok()) return FailStart("subsidies", bad.message());
  if (!setup.ok()) return FailStart("subsidies", setup.status().message());
  config.public_url = setup->options.public_url;

  runtime::ServiceEdge edge;
  edge.name = "subsidies";
  edge.prefix = subsidies::kPrefix;
  edge.openapi_yaml = subsidies::kOpenApiYaml;
  edge.openapi_json = subsidies::kOpenApiJson;
  Result<std::unique_ptr<http::Server>> server = runtime::Listen(*setup, edge);
  if (!server.ok()) return FailStart("subsidies", server.status().message());

  Result<std::unique_ptr<subsidies::Service>> service =
      subsidies::Service::Open(config, SystemClock::Instance());
  if (!service.ok()) {
    return FailStart("subsidies",
                     "cannot open " + config.storage.path + ": " + service.status().message());
  }
  subsidies::Service& s = **service;
  if (demo) {
    if (Status loaded = subsidies::LoadDemoData(s.context()); !loaded.ok()) {
      return FailStart("subsidies", "demo data: " + loaded.message());
    }
  }
  if (config.registratie_url.empty()) {
    log::Warn("subsidies.organisations_unchecked", {{"reason", "VC_REGISTRATIE_URL not set"}});
  }

  edge.add_routes = [&s](http::Server& to) { s.AddRoutes(to); };
  edge.ready = [&s] { return s.Ready(); };
  edge.database = &s.database();
  int code = runtime::Serve(**server, *setup, edge);
  server->reset();
  service->reset();
  log::Info("subsidies.stopped");
  return code;
}
