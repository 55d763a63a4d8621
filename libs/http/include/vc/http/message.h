// The request and response as handlers see them: plain values, no Pistache types, so that
// handlers and their tests need no socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vc/auth/token.h"

namespace vc::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // without the query, as sent
  std::map<std::string, std::string> query;    // names and values percent-decoded
  std::map<std::string, std::string> headers;  // names in lower case
  std::map<std::string, std::string> params;   // path parameters of the matched route
  std::string body;
  std::string request_id;              // accepted from X-Request-ID or generated
  std::string base_url;                // "http://host:port", for resource urls
  std::optional<auth::Claims> claims;  // set when the route requires a token

  const std::string* Header(const std::string& lower_name) const;
  std::optional<std::string> Query(const std::string& name) const;
  const std::string& Param(const std::string& name) const;  // empty when absent
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, std::string body);
  static Response NoContent();
  Response& With(std::string name, std::string value);
};

}  // namespace vc::http
