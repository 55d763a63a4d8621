// The registration service: reads its configuration, opens its store, serves until SIGTERM.
#include <cstdio>

#include "bootstrap.h"
#include "demo_data.h"
#include "http/notify.h"
#include "service.h"
#include "vc/http/server_config.h"
#include "vc/log/log.h"

namespace {

using namespace vc;

int Fail(const std::string& line) {
  std::fprintf(stderr, "registratie: %s\n", line.c_str());
  return 2;
}

}  // namespace

int main() {
  http::Server::BlockTerminationSignals();

  config::Env env;
  Result<http::ServerSetup> setup = http::ServerSetupFromEnv(env, "registratie", 8080);
  registration::Config config;
  const std::string data_dir = setup.ok() ? setup->data_dir : "data";
  config.storage.path = env.String("VC_DATABASE", data_dir + "/registratie.db");
  config.storage.synchronous =
      env.Choice("VC_SYNCHRONOUS", "FULL", {"FULL", "NORMAL"}) == "FULL"
          ? storage::Synchronous::kFull
          : storage::Synchronous::kNormal;
  config.pseudonym_key = env.String("VC_PSEUDONYM_KEY", "");
  config.retention_interval =
      std::chrono::seconds(env.Integer("VC_RETENTION_INTERVAL_SECONDS", 86400, 0, 31536000));
  config.subscriptions_json = env.String("VC_NOTIFICATIES_ABONNEMENTEN", "");
  notifications::DispatcherOptions& n = config.notifications;
  n.attempt_timeout =
      std::chrono::milliseconds(env.Integer("VC_NOTIFICATIES_TIMEOUT_MS", 5000, 10, 600000));
  n.backoff_base =
      std::chrono::milliseconds(env.Integer("VC_NOTIFICATIES_BACKOFF_MS", 1000, 1, 3600000));
  n.backoff_max = std::chrono::milliseconds(
      env.Integer("VC_NOTIFICATIES_BACKOFF_MAX_MS", 3600000, 1, 86400000));
  n.max_attempts = static_cast<int>(env.Integer("VC_NOTIFICATIES_POGINGEN", 15, 1, 1000));
  n.poll_interval = std::chrono::milliseconds(env.Integer("VC_NOTIFICATIES_POLL_MS", 50, 1, 60000));
  config.notifications_drain =
      std::chrono::milliseconds(env.Integer("VC_NOTIFICATIES_DRAIN_MS", 5000, 0, 600000));
  n.forward_url = env.String("VC_NOTIFICATIES_DOORSTUREN_URL", "");
  const std::string forward_client = env.String("VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID", "");
  const std::string forward_secret = env.String("VC_NOTIFICATIES_DOORSTUREN_SECRET", "");
  if (!n.forward_url.empty()) {
    n.forward_auth = registration::ForwardingToken({forward_client, forward_secret});
  }
  const bool demo = env.Flag("VC_DEMO_DATA", false);
  const std::string gemeenten = env.String("VC_GEMEENTEN", "");
  if (Status bad = env.Check(); !bad.ok()) return Fail(bad.message());
  if (!setup.ok()) return Fail(setup.status().message());
  if (!n.forward_url.empty() && (forward_client.empty() || forward_secret.size() < 32)) {
    return Fail("VC_NOTIFICATIES_DOORSTUREN_URL needs VC_NOTIFICATIES_DOORSTUREN_CLIENT_ID and a "
                "VC_NOTIFICATIES_DOORSTUREN_SECRET of at least 32 bytes");
  }
  config.public_url = setup->options.public_url;

  Result<std::unique_ptr<registration::Service>> service =
      registration::Service::Open(config, SystemClock::Instance());
  if (!service.ok()) return Fail("cannot open " + config.storage.path + ": " + service.status().message());
  if (Status ensured = registration::EnsureGemeenten((*service)->context(), gemeenten);
      !ensured.ok()) {
    return Fail(ensured.message());
  }
  if (demo) {
    if (Status loaded = registration::LoadDemoData((*service)->context()); !loaded.ok()) {
      return Fail("demo data: " + loaded.message());
    }
  }

  setup->options.prefix = registration::kPrefix;
  setup->options.openapi_yaml = registration::kOpenApiYaml;
  setup->options.openapi_json = registration::kOpenApiJson;
  http::Server server(setup->options, setup->verifier);
  (*service)->AddRoutes(server);
  server.SetReadiness([&] { return (*service)->Ready(); });
  if (Status started = server.Start(); !started.ok()) return Fail(started.message());
  if (Status written = http::WritePortFile(*setup, server.port()); !written.ok()) {
    return Fail(written.message());
  }

  server.RunUntilSignal();
  service->reset();
  log::Info("registratie.stopped");
  return 0;
}
