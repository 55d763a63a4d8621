// The configuration every service reads the same way: listening, limits, CORS, tokens, logs.
// The table of variables is in README.md, under Configuration.
#pragma once

#include <memory>
#include <string>

#include "vc/auth/token.h"
#include "vc/config/env.h"
#include "vc/http/server.h"

namespace vc::http {

struct ServerSetup {
  ServerOptions options;
  std::shared_ptr<const auth::Verifier> verifier;
  std::string port_file;  // VC_PORT_FILE: the bound port is written here after start
  std::string data_dir;
};

// Reads VC_HOST, VC_PORT, VC_PORT_FILE, VC_THREADS, VC_MAX_BODY_BYTES, VC_CORS_ORIGINS,
// VC_PUBLIC_URL, VC_DRAIN_TIMEOUT_MS, VC_HEADER_TIMEOUT_MS, VC_BODY_TIMEOUT_MS,
// VC_IDLE_TIMEOUT_MS, VC_DATA_DIR, VC_APPLICATIONS_FILE, VC_APPLICATIONS,
// VC_TOKEN_MAX_AGE_SECONDS, VC_TOKEN_LEEWAY_SECONDS and VC_LOG_LEVEL (which it applies).
// Problems are recorded in env (see Env::Check); an unreadable applications file is an error.
Result<ServerSetup> ServerSetupFromEnv(config::Env& env, const std::string& service,
                                       uint16_t default_port);

// Writes the bound port to setup.port_file when one is set.
Status WritePortFile(const ServerSetup& setup, uint16_t port);

}  // namespace vc::http
