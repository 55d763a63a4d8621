#include "storage/rows.h"

#include <rapidjson/document.h>

#include "vc/json/writer.h"

namespace vc::subsidies {

std::string ToJsonArray(const std::vector<std::string>& items) {
  json::Writer w;
  w.StartArray();
  for (const std::string& item : items) w.String(item);
  w.EndArray();
  return w.Take();
}

std::vector<std::string> FromJsonArray(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  std::vector<std::string> items;
  if (doc.HasParseError() || !doc.IsArray()) return items;
  for (const auto& v : doc.GetArray()) {
    if (v.IsString()) items.emplace_back(v.GetString(), v.GetStringLength());
  }
  return items;
}

}  // namespace vc::subsidies
