#include "harness.h"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <chrono>

namespace vc::registration::testing {

std::string Token(const std::vector<std::string>& scopes, const std::string& gemeente,
                  long age_seconds) {
  auth::Claims claims;
  claims.client_id = kApp.client_id;
  claims.scopes = scopes;
  if (!gemeente.empty()) claims.gemeente = gemeente;
  claims.user_id = "coordinator@test";
  claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count() -
                     age_seconds;
  return auth::Mint(kApp, claims).value();
}

Running::Running(std::map<std::string, std::string> extra_env) : extra_env_(std::move(extra_env)) {
  Restart();
}

std::map<std::string, std::string> Running::Env() const {
  std::map<std::string, std::string> env = {
      {"VC_DATA_DIR", dir_.path()},
      {"VC_APPLICATIONS", kApp.client_id + ":" + kApp.secret},
      {"VC_RETENTION_INTERVAL_SECONDS", "0"},
  };
  for (const auto& [k, v] : extra_env_) env[k] = v;
  return env;
}

void Running::Restart() {
  process_ = std::make_unique<vc::testing::ServiceProcess>(
      vc::testing::BuildPath("services/registration/vc-registratie"), Env());
  REQUIRE(process_->Start());
  client_ = std::make_unique<client::Client>(process_->base_url(), std::chrono::seconds(10), 0);
}

std::string Running::Onboard(const std::string& code, const std::string& naam,
                             const std::string& extra_json) {
  std::string body = "{\"code\":\"" + code + "\",\"naam\":\"" + naam + "\"" + extra_json + "}";
  auto r = client_->Post(Path("/gemeenten"), body, Token({"platform.beheer"}));
  REQUIRE(r.ok());
  INFO(r->body);
  REQUIRE(r->status == 201);
  return IdOf(r->body);
}

std::string Running::Create(const std::string& collection, const std::string& body,
                            const std::string& token) {
  auto r = client_->Post(Path("/" + collection), body, token);
  REQUIRE(r.ok());
  INFO(r->body);
  REQUIRE(r->status == 201);
  return IdOf(r->body);
}

std::string IdOf(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("id")) return "";
  return doc["id"].GetString();
}

bool IsProblem(const client::Reply& reply) {
  const std::string* type = reply.Header("content-type");
  if (!type || *type != "application/problem+json") return false;
  rapidjson::Document doc;
  doc.Parse(reply.body.c_str());
  return !doc.HasParseError() && doc.IsObject() && doc.HasMember("status") &&
         doc["status"].GetInt() == reply.status && doc.HasMember("title");
}

}  // namespace vc::registration::testing
