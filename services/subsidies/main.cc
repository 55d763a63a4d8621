// The subsidy service: reads its configuration, opens its store, serves until SIGTERM.
#include <cstdio>

#include "domain/money.h"
#include "service.h"
#include "vc/http/server_config.h"
#include "vc/log/log.h"

namespace {

using namespace vc;

int Fail(const std::string& line) {
  std::fprintf(stderr, "subsidies: %s\n", line.c_str());
  return 2;
}

}  // namespace

int main() {
  http::Server::BlockTerminationSignals();

  config::Env env;
  Result<http::ServerSetup> setup = http::ServerSetupFromEnv(env, "subsidies", 8082);
  subsidies::Config config;
  const std::string data_dir = setup.ok() ? setup->data_dir : "data";
  config.storage.path = env.String("VC_DATABASE", data_dir + "/subsidies.db");
  config.storage.synchronous =
      env.Choice("VC_SYNCHRONOUS", "FULL", {"FULL", "NORMAL"}) == "FULL"
          ? storage::Synchronous::kFull
          : storage::Synchronous::kNormal;
  config.default_tiers.no_report_below = env.Integer(
      "VC_VERANTWOORDING_GEEN_VERSLAG_ONDER", config.default_tiers.no_report_below, 1,
      subsidies::kMaxCents);
  config.default_tiers.activities_up_to = env.Integer(
      "VC_VERANTWOORDING_ACTIVITEITENVERSLAG_TOT", config.default_tiers.activities_up_to, 1,
      subsidies::kMaxCents);
  config.registratie_url = env.String("VC_REGISTRATIE_URL", "");
  if (Status bad = env.Check(); !bad.ok()) return Fail(bad.message());
  if (!setup.ok()) return Fail(setup.status().message());

  Result<std::unique_ptr<subsidies::Service>> service =
      subsidies::Service::Open(config, SystemClock::Instance());
  if (!service.ok()) {
    return Fail("cannot open " + config.storage.path + ": " + service.status().message());
  }
  if (config.registratie_url.empty()) {
    log::Warn("subsidies.organisations_unchecked", {{"reason", "VC_REGISTRATIE_URL not set"}});
  }

  setup->options.prefix = subsidies::kPrefix;
  setup->options.openapi_yaml = subsidies::kOpenApiYaml;
  setup->options.openapi_json = subsidies::kOpenApiJson;
  http::Server server(setup->options, setup->verifier);
  (*service)->AddRoutes(server);
  server.SetReadiness([&] { return (*service)->Ready(); });
  if (Status started = server.Start(); !started.ok()) return Fail(started.message());
  if (Status written = http::WritePortFile(*setup, server.port()); !written.ok()) {
    return Fail(written.message());
  }

  server.RunUntilSignal();
  service->reset();
  log::Info("subsidies.stopped");
  return 0;
}
