// The OpenAPI document and the code must agree: every route in one is in the other, every
// resource schema has exactly the spec's fields, and every spec column exists in the schema.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <set>

#include "domain/resources.h"
#include "harness.h"
#include "service.h"
#include "storage/schema.h"
#include "vc/testing/contract.h"

using namespace vc;

namespace {

rapidjson::Document Document() {
  rapidjson::Document doc;
  doc.Parse(registration::kOpenApiJson);
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

const rapidjson::Value& Resolve(const rapidjson::Value& doc, const rapidjson::Value& schema) {
  if (!schema.HasMember("$ref")) return schema;
  std::string ref = schema["$ref"].GetString();  // "#/components/schemas/Name"
  return doc["components"]["schemas"][ref.substr(ref.rfind('/') + 1).c_str()];
}

std::set<std::string> PropertiesOf(const rapidjson::Value& doc, const rapidjson::Value& schema) {
  std::set<std::string> names;
  const rapidjson::Value& s = Resolve(doc, schema);
  if (s.HasMember("allOf")) {
    for (const auto& part : s["allOf"].GetArray()) {
      for (const std::string& n : PropertiesOf(doc, part)) names.insert(n);
    }
  }
  if (s.HasMember("properties")) {
    for (auto it = s["properties"].MemberBegin(); it != s["properties"].MemberEnd(); ++it) {
      names.insert(it->name.GetString());
    }
  }
  return names;
}

void CompareFields(const rapidjson::Value& doc, const rapidjson::Value& schema,
                   const std::vector<registration::FieldSpec>& fields,
                   const std::set<std::string>& read_only, const std::string& where) {
  std::set<std::string> expected = read_only;
  for (const auto& f : fields) expected.insert(f.name);
  CAPTURE(where);
  CHECK(PropertiesOf(doc, schema) == expected);

  const rapidjson::Value& s = Resolve(doc, schema);
  for (const auto& f : fields) {
    if (f.children.empty() || !s.HasMember("properties")) continue;
    const rapidjson::Value& p = s["properties"][f.name.c_str()];
    const rapidjson::Value& child =
        Resolve(doc, p).HasMember("items") ? Resolve(doc, p)["items"] : p;
    CompareFields(doc, child, f.children, {}, where + "." + f.name);
  }
}

}  // namespace

TEST_CASE("every route of the service is in the OpenAPI document and the other way round",
          "[registration][contract]") {
  vc::testing::TempDir dir;
  registration::Config config;
  config.storage.path = dir.File("r.db");
  auto service = registration::Service::Open(config, SystemClock::Instance()).value();
  http::ServerOptions options;
  options.prefix = registration::kPrefix;
  options.openapi_json = "{}";
  options.openapi_yaml = "x";
  http::Server server(options, nullptr);
  service->AddRoutes(server);
  REQUIRE(server.Start().ok());

  std::set<std::string> in_code = vc::testing::RoutesInCode(server, registration::kPrefix);
  CHECK(in_code.count("POST /vrijwilligers") == 1);
  CHECK(in_code == vc::testing::RoutesInDocument(registration::kOpenApiJson));
}

TEST_CASE("every resource schema in the document has exactly the spec's fields",
          "[registration][contract]") {
  auto doc = Document();
  std::vector<const registration::ResourceSpec*> specs = registration::TenantSpecs();
  specs.push_back(&registration::GemeenteSpec());
  for (const registration::ResourceSpec* spec : specs) {
    std::set<std::string> read_only = {"id", "url", "aangemaaktOp", "gewijzigdOp"};
    if (spec->records_registrar) read_only.insert("geregistreerdDoor");
    if (spec->holds_personal_data && spec->collection == "hulpvragen")
      read_only.insert("geanonimiseerd");
    REQUIRE(doc["components"]["schemas"].HasMember(spec->schema.c_str()));
    CompareFields(doc, doc["components"]["schemas"][spec->schema.c_str()], spec->fields, read_only,
                  spec->schema);
  }
}

TEST_CASE("every spec column exists in its table", "[registration][contract]") {
  vc::testing::TempDir dir;
  registration::Config config;
  config.storage.path = dir.File("r.db");
  auto service = registration::Service::Open(config, SystemClock::Instance()).value();
  std::vector<const registration::ResourceSpec*> specs = registration::TenantSpecs();
  specs.push_back(&registration::GemeenteSpec());

  storage::ReadLease lease = service->database().Read();
  for (const registration::ResourceSpec* spec : specs) {
    std::set<std::string> columns;
    auto s = lease->Prepare("SELECT name FROM pragma_table_info('" + spec->collection + "')");
    REQUIRE(s.ok());
    while (*(*s)->Step()) columns.emplace((*s)->Text(0));
    for (const registration::FieldSpec& f : spec->fields) {
      if (f.column.empty()) continue;
      CAPTURE(spec->collection, f.column);
      CHECK(columns.count(f.column) == 1);
    }
  }
}
