#include "vc/testing/contract.h"

#include <rapidjson/document.h>

#include <cctype>

namespace vc::testing {

std::set<std::string> RoutesInCode(const http::Server& server, const std::string& prefix) {
  std::set<std::string> routes;
  for (const http::Route& route : server.routes()) {
    if (route.pattern.rfind(prefix, 0) != 0) continue;
    routes.insert(route.method + " " + route.pattern.substr(prefix.size()));
  }
  return routes;
}

std::set<std::string> RoutesInDocument(const char* openapi_json) {
  static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  std::set<std::string> routes;
  rapidjson::Document doc;
  doc.Parse(openapi_json);
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("paths")) return routes;

  for (auto p = doc["paths"].MemberBegin(); p != doc["paths"].MemberEnd(); ++p) {
    for (auto m = p->value.MemberBegin(); m != p->value.MemberEnd(); ++m) {
      std::string method = m->name.GetString();
      if (!kMethods.count(method)) continue;  // "parameters" shared by a path's operations
      for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      routes.insert(method + " " + p->name.GetString());
    }
  }
  return routes;
}

}  // namespace vc::testing
