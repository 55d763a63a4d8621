#include "harness.h"

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "vc/json/writer.h"

namespace vc::subsidies::testing {

std::string Token(const std::vector<std::string>& scopes, const std::string& gemeente,
                  const std::string& user) {
  auth::Claims claims;
  claims.client_id = kApp.client_id;
  claims.scopes = scopes;
  if (!gemeente.empty()) claims.gemeente = gemeente;
  claims.user_id = user;
  claims.issued_at = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  return auth::Mint(kApp, claims).value();
}

Running::Running(std::map<std::string, std::string> extra_env) {
  env_ = {
      {"VC_DATA_DIR", dir_.path()},
      {"VC_APPLICATIONS", kApp.client_id + ":" + kApp.secret},
      {"VC_THREADS", "4"},
  };
  for (const auto& [k, v] : extra_env) env_[k] = v;
  Restart();
}

void Running::Restart() {
  process_ = std::make_unique<vc::testing::ServiceProcess>(
      vc::testing::BuildPath("services/subsidies/vc-subsidies"), env_);
  REQUIRE(process_->Start());
  base_url_ = process_->base_url();
  client_ = std::make_unique<client::Client>(base_url_, std::chrono::seconds(20), 0);
}

std::string Running::Create(const std::string& rest, const std::string& body,
                            const std::string& token) {
  auto r = client_->Post(Path(rest), body, token);
  REQUIRE(r.ok());
  INFO(r->body);
  REQUIRE(r->status == 201);
  return r->body;
}

std::string Running::Scheme(const std::string& token, const std::string& extra) {
  std::string body = R"({"naam":"Samen sociaal","soort":"projectsubsidie",)"
                     R"("periodeBegin":"2026-01-01","periodeEind":"2026-12-31")" +
                     extra + "}";
  return Member(Create("/regelingen", body, token), "id");
}

std::string Running::ApplicationInReview(const std::string& token, const std::string& scheme,
                                         int64_t cents, const std::string& reviewer) {
  json::Writer w;
  w.StartObject().Field("regeling", scheme).Field("organisatie", kOrganisation);
  w.Field("aangevraagdBedrag", cents).Field("omschrijving", "Buurtmaaltijden").EndObject();
  std::string id = Member(Create("/aanvragen", w.Take(), token), "id");
  REQUIRE(Step(token, id, R"({"actie":"indienen"})").status == 201);
  REQUIRE(
      Step(reviewer.empty() ? token : reviewer, id, R"({"actie":"in_behandeling_nemen"})").status ==
      201);
  return id;
}

client::Reply Running::Step(const std::string& token, const std::string& application,
                            const std::string& body) {
  auto r = client_->Post(Path("/aanvragen/" + application + "/stappen"), body, token);
  REQUIRE(r.ok());
  return *r;
}

std::string Member(const std::string& body, const char* name) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember(name)) return "";
  const rapidjson::Value& v = doc[name];
  if (v.IsString()) return v.GetString();
  if (v.IsInt64()) return std::to_string(v.GetInt64());
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsNull()) return "null";
  return "";
}

bool IsProblem(const client::Reply& reply) {
  const std::string* type = reply.Header("content-type");
  if (!type || *type != "application/problem+json") return false;
  rapidjson::Document doc;
  doc.Parse(reply.body.c_str());
  return !doc.HasParseError() && doc.IsObject() && doc.HasMember("status") &&
         doc["status"].GetInt() == reply.status;
}

}  // namespace vc::subsidies::testing
