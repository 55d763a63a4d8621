// Route parity between a service's code and its OpenAPI document, for contract tests: each
// side as a set of "METHOD /path" strings, with paths relative to the service's prefix, so a
// test can compare them with one CHECK and see what one side lacks.
#pragma once

#include <set>
#include <string>

#include "vc/http/server.h"

namespace vc::testing {

// Every route the server serves under prefix (health and metrics are outside it).
std::set<std::string> RoutesInCode(const http::Server& server, const std::string& prefix);

// Every operation under "paths" of an OpenAPI document in JSON; empty when it does not parse.
std::set<std::string> RoutesInDocument(const char* openapi_json);

}  // namespace vc::testing
