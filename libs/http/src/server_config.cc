#include "vc/http/server_config.h"

#include <fstream>
#include <sstream>

#include "vc/log/log.h"

namespace vc::http {
namespace {

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) items.push_back(item);
  }
  return items;
}

Result<std::vector<auth::Application>> LoadApplications(const std::string& file,
                                                        const std::string& inline_list) {
  std::string text = inline_list;
  std::ifstream in(file);
  if (in) {
    std::stringstream content;
    content << in.rdbuf();
    text += "\n" + content.str();
  }
  return auth::ParseApplications(text);
}

// A timeout from a variable in milliseconds, with its default from ServerOptions.
std::chrono::milliseconds Milliseconds(config::Env& env, const char* name,
                                       std::chrono::milliseconds fallback, int64_t min,
                                       int64_t max) {
  return std::chrono::milliseconds(env.Integer(name, fallback.count(), min, max));
}

}  // namespace

Result<ServerSetup> ServerSetupFromEnv(config::Env& env, const std::string& service,
                                       uint16_t default_port) {
  ServerSetup s;
  ServerOptions& o = s.options;
  o.service = service;
  o.host = env.String("VC_HOST", "127.0.0.1");
  o.port = static_cast<uint16_t>(env.Integer("VC_PORT", default_port, 0, 65535));
  o.threads = static_cast<int>(env.Integer("VC_THREADS", 2, 1, 64));
  o.max_body_bytes = static_cast<size_t>(env.Integer("VC_MAX_BODY_BYTES", 1 << 20, 1024, 64 << 20));
  o.cors_origins = SplitList(env.String("VC_CORS_ORIGINS", ""));
  o.public_url = env.String("VC_PUBLIC_URL", "");
  o.drain_timeout = Milliseconds(env, "VC_DRAIN_TIMEOUT_MS", o.drain_timeout, 0, 600000);
  o.header_timeout = Milliseconds(env, "VC_HEADER_TIMEOUT_MS", o.header_timeout, 100, 600000);
  o.body_timeout = Milliseconds(env, "VC_BODY_TIMEOUT_MS", o.body_timeout, 100, 3600000);
  o.idle_timeout = Milliseconds(env, "VC_IDLE_TIMEOUT_MS", o.idle_timeout, 1000, 86400000);
  s.port_file = env.String("VC_PORT_FILE", "");
  s.data_dir = env.String("VC_DATA_DIR", "data");

  log::Level level = log::Level::kInfo;
  const std::string level_name =
      env.Choice("VC_LOG_LEVEL", "info", {"debug", "info", "warn", "error"});
  log::ParseLevel(level_name, &level);
  log::Configure(service, level);

  auth::VerifyOptions verify;
  verify.max_age = std::chrono::seconds(env.Integer("VC_TOKEN_MAX_AGE_SECONDS", 3600, 1, 31536000));
  verify.leeway = std::chrono::seconds(env.Integer("VC_TOKEN_LEEWAY_SECONDS", 60, 0, 3600));
  const std::string file = env.String("VC_APPLICATIONS_FILE", s.data_dir + "/applications.txt");
  Result<std::vector<auth::Application>> apps =
      LoadApplications(file, env.String("VC_APPLICATIONS", ""));
  if (!apps.ok()) {
    return Status(Code::kInvalidArgument, "VC_APPLICATIONS(_FILE): " + apps.status().message());
  }
  if (apps->empty()) {
    log::Warn("auth.no_applications", {{"file", file}});
  }
  s.verifier =
      std::make_shared<auth::Verifier>(std::move(apps).value(), verify, SystemClock::Instance());
  return s;
}

Status WritePortFile(const ServerSetup& setup, uint16_t port) {
  if (setup.port_file.empty()) return Status::Ok();
  const std::string temporary = setup.port_file + ".tmp";
  {
    std::ofstream out(temporary);
    out << port << "\n";
    if (!out) return Status(Code::kInternal, "cannot write " + temporary);
  }
  // Renamed into place so that a reader never sees a half-written number.
  if (std::rename(temporary.c_str(), setup.port_file.c_str()) != 0) {
    return Status(Code::kInternal, "cannot rename " + temporary);
  }
  return Status::Ok();
}

}  // namespace vc::http
