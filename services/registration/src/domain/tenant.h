// A gemeente as the other resources need it: its code, its districts (wijken) by postcode
// area, how long personal data of inactive people is kept, and how long the processing log.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

namespace vc::registration {

struct Wijk {
  std::string code;
  std::vector<std::string> postcode_areas;  // "1011", the four digits of a postcode
};

struct Tenant {
  std::string id;
  std::string code;
  int retention_months = 24;
  // Entries of the processing log older than this are removed; none when unset.
  std::optional<int> log_retention_months;
  std::vector<Wijk> wijken;

  // The wijk whose areas hold the postcode's four digits ("1011 AB" -> "1011").
  std::optional<std::string> WijkFor(const std::string& postcode) const;
};

// From a stored or validated Gemeente document.
Tenant TenantFromDocument(const std::string& id, const rapidjson::Value& doc);

inline constexpr int kDefaultRetentionMonths = 24;

}  // namespace vc::registration
