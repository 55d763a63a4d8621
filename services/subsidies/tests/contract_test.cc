// The OpenAPI document and the code must agree: every route in one is in the other, and the
// JSON the service writes has exactly the properties its schema documents.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <set>

#include "http/agreement_codec.h"
#include "http/codec.h"
#include "service.h"
#include "vc/testing/contract.h"
#include "vc/testing/support.h"

using namespace vc;

namespace {

rapidjson::Document Document() {
  rapidjson::Document doc;
  doc.Parse(subsidies::kOpenApiJson);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// The schema's properties a response carries: all but the write-only ones.
std::set<std::string> Documented(const rapidjson::Document& doc, const char* schema) {
  std::set<std::string> names;
  const rapidjson::Value& props = doc["components"]["schemas"][schema]["properties"];
  for (auto it = props.MemberBegin(); it != props.MemberEnd(); ++it) {
    if (it->value.HasMember("writeOnly") && it->value["writeOnly"].GetBool()) continue;
    names.insert(it->name.GetString());
  }
  return names;
}

std::set<std::string> Written(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  REQUIRE(doc.IsObject());
  std::set<std::string> names;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) names.insert(it->name.GetString());
  return names;
}

}  // namespace

TEST_CASE("every route of the service is in the OpenAPI document and the other way round",
          "[subsidies][contract]") {
  vc::testing::TempDir dir;
  subsidies::Config config;
  config.storage.path = dir.File("s.db");
  auto service = subsidies::Service::Open(config, SystemClock::Instance()).value();
  http::ServerOptions options;
  options.prefix = subsidies::kPrefix;
  options.openapi_json = "{}";
  options.openapi_yaml = "x";
  http::Server server(options, nullptr);
  service->AddRoutes(server);

  // Not started, so the built-in routes (the documents themselves) are not among them.
  std::set<std::string> in_code = vc::testing::RoutesInCode(server, subsidies::kPrefix);
  CHECK(in_code.count("POST /aanvragen") == 1);
  CHECK(in_code == vc::testing::RoutesInDocument(subsidies::kOpenApiJson));
}

TEST_CASE("the JSON written has exactly the documented properties", "[subsidies][contract]") {
  auto doc = Document();
  subsidies::Scheme scheme;
  CHECK(Written(subsidies::SchemeJson(scheme, "u")) == Documented(doc, "Regeling"));
  subsidies::Application application;
  CHECK(Written(subsidies::ApplicationJson(application, "u", "r")) == Documented(doc, "Aanvraag"));
  subsidies::StepRecord step;
  CHECK(Written(subsidies::StepJson(step, "u")) == Documented(doc, "Stap"));
  subsidies::Agreement agreement;
  std::set<std::string> agreement_members = Written(subsidies::AgreementJson(agreement, "i", "t"));
  agreement_members.insert("url");
  CHECK(agreement_members == Documented(doc, "Samenwerkingsovereenkomst"));
}
