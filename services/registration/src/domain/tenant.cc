#include "domain/tenant.h"

namespace vc::registration {

std::optional<std::string> Tenant::WijkFor(const std::string& postcode) const {
  if (postcode.size() < 4) return std::nullopt;
  const std::string area = postcode.substr(0, 4);
  for (const Wijk& w : wijken) {
    for (const std::string& a : w.postcode_areas) {
      if (a == area) return w.code;
    }
  }
  return std::nullopt;
}

Tenant TenantFromDocument(const std::string& id, const rapidjson::Value& doc) {
  Tenant t;
  t.id = id;
  t.code = doc["code"].GetString();
  auto retention = doc.FindMember("bewaartermijnMaanden");
  if (retention != doc.MemberEnd() && retention->value.IsInt()) {
    t.retention_months = retention->value.GetInt();
  }
  auto log_retention = doc.FindMember("verwerkingenBewaartermijnMaanden");
  if (log_retention != doc.MemberEnd() && log_retention->value.IsInt()) {
    t.log_retention_months = log_retention->value.GetInt();
  }
  auto wijken = doc.FindMember("wijken");
  if (wijken == doc.MemberEnd() || !wijken->value.IsArray()) return t;

  for (const auto& w : wijken->value.GetArray()) {
    Wijk wijk;
    wijk.code = w["code"].GetString();
    auto areas = w.FindMember("postcodegebieden");
    if (areas != w.MemberEnd()) {
      for (const auto& a : areas->value.GetArray()) wijk.postcode_areas.emplace_back(a.GetString());
    }
    t.wijken.push_back(std::move(wijk));
  }
  return t;
}

}  // namespace vc::registration
