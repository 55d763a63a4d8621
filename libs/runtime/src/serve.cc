#include "vc/runtime/serve.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace vc::runtime {

void PrepareProcess() { http::Server::BlockTerminationSignals(); }

int FailStart(const std::string& name, const std::string& line) {
  std::fprintf(stderr, "%s: %s\n", name.c_str(), line.c_str());
  return 2;
}

namespace {

void AddStorageGauges(http::Metrics& metrics, const storage::Database* db) {
  if (db == nullptr) return;
  metrics.AddGauge("vc_storage_commits", "Write transactions committed since start.",
                   [db] { return static_cast<double>(db->commits()); });
  metrics.AddGauge("vc_storage_writes", "Writes committed in them.",
                   [db] { return static_cast<double>(db->writes()); });
  metrics.AddGauge("vc_storage_syncs", "WAL syncs that made commits durable.",
                   [db] { return static_cast<double>(db->syncs()); });
  metrics.AddGauge("vc_storage_sync_seconds", "Time spent in those WAL syncs, in seconds.",
                   [db] { return db->sync_seconds(); });
  metrics.AddGauge("vc_storage_reruns",
                   "Batches run again with a savepoint per write, one write having failed.",
                   [db] { return static_cast<double>(db->reruns()); });
  metrics.AddGauge("vc_storage_checkpoints", "WAL checkpoints run beside the writer.",
                   [db] { return static_cast<double>(db->checkpoints()); });
  metrics.AddGauge("vc_storage_inline_checkpoints",
                   "WAL checkpoints the writer ran itself, the WAL having grown too large.",
                   [db] { return static_cast<double>(db->inline_checkpoints()); });
  metrics.AddGauge("vc_storage_checkpoint_syncs",
                   "Syncs of the database file by the checkpoints' thread, after a checkpoint.",
                   [db] { return static_cast<double>(db->checkpoint_syncs()); });
}

// A line such as "VmRSS:     26156 kB" of /proc/self/status, in bytes; 0 where there is none.
double StatusBytes(const char* field) {
  std::FILE* status = std::fopen("/proc/self/status", "r");
  if (status == nullptr) return 0;
  char line[256];
  long kib = 0;
  const size_t length = std::strlen(field);
  while (std::fgets(line, sizeof line, status) != nullptr) {
    if (std::strncmp(line, field, length) == 0 && line[length] == ':') {
      kib = std::strtol(line + length + 1, nullptr, 10);
      break;
    }
  }
  std::fclose(status);
  return static_cast<double>(kib) * 1024;
}

void AddProcessGauges(http::Metrics& metrics) {
  metrics.AddGauge("process_resident_memory_bytes", "Resident memory of this process.",
                   [] { return StatusBytes("VmRSS"); });
  metrics.AddGauge("vc_process_resident_memory_peak_bytes",
                   "The most resident memory this process has had since start.",
                   [] { return StatusBytes("VmHWM"); });
}

}  // namespace

Result<std::unique_ptr<http::Server>> Listen(const http::ServerSetup& setup,
                                             const ServiceEdge& edge) {
  http::ServerOptions options = setup.options;
  options.prefix = edge.prefix;
  options.openapi_yaml = edge.openapi_yaml;
  options.openapi_json = edge.openapi_json;
  auto server = std::make_unique<http::Server>(std::move(options), setup.verifier);
  VC_RETURN_IF_ERROR(server->Listen());
  return server;
}

int Serve(http::Server& server, const http::ServerSetup& setup, const ServiceEdge& edge) {
  edge.add_routes(server);
  server.SetReadiness(edge.ready);

  if (Status started = server.Start(); !started.ok()) {
    return FailStart(edge.name, started.message());
  }
  AddStorageGauges(server.metrics(), edge.database);  // the metrics exist once started
  AddProcessGauges(server.metrics());
  if (Status written = http::WritePortFile(setup, server.port()); !written.ok()) {
    return FailStart(edge.name, written.message());
  }

  server.RunUntilSignal();
  return 0;
}

}  // namespace vc::runtime
