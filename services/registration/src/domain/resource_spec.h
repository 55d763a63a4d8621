// A resource described as data: its fields, their types and rules, which fields hold personal
// data, which are filters in lists and which refer to other resources. One generic validator
// (validate.cc), store and set of handlers serve every resource from its spec, so that the
// rules of a field are written once.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <vector>

#include "vc/core/result.h"
#include "vc/json/reader.h"

namespace vc::registration {

enum class FieldType {
  kString,
  kInteger,
  kNumber,
  kBool,
  kDate,        // "YYYY-MM-DD"
  kDateTime,    // RFC 3339, stored in UTC
  kStringList,  // array of strings
  kObject,      // nested object with its own fields
  kObjectList,  // array of nested objects
  kReference,   // UUID of another resource of the same gemeente
};

// Checks a string after trimming; returns the normalised value or nullopt when invalid.
using Normalizer = std::optional<std::string> (*)(std::string_view);

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kString;
  bool required = false;
  bool personal = false;  // erased on request, and its reads and writes are logged
  size_t min_length = 1;
  size_t max_length = 200;
  const std::vector<std::string>* allowed = nullptr;  // enum (strings and list items)
  Normalizer normalize = nullptr;                     // format check + normal form
  const char* format_reason = nullptr;                // reason shown when normalize fails
  int64_t min = 0;
  int64_t max = INT64_MAX;
  double min_number = -1e300;
  double max_number = 1e300;
  size_t max_items = 50;
  std::vector<FieldSpec> children;  // kObject / kObjectList
  std::string references;           // kReference: collection name, e.g. "organisaties"
  std::string column;               // kept in its own SQL column (for filters and joins)
  std::string default_text;         // set on create when absent (e.g. a status)
};

struct ResourceSpec {
  std::string collection;  // "vrijwilligers": the URL segment and the SQL table
  std::string singular;    // "vrijwilliger": in messages and the processing log
  std::string schema;      // "Vrijwilliger": the OpenAPI schema name
  std::vector<FieldSpec> fields;
  bool holds_personal_data = false;
  std::string subject_kind;  // the data subject in the processing log, e.g. "hulpvrager"
  // Records in "geregistreerdDoor" who entered it when that was not the person online (the
  // document's "kanaal" is not "online"): the offline route through a coordinator.
  bool records_registrar = false;
  // Rules across fields (e.g. an end date after its start); adds problems to reader.
  std::function<void(const rapidjson::Value& doc, json::ObjectReader& reader)> cross_check;

  const FieldSpec* Field(const std::string& name) const;
};

enum class Mode {
  kCreate,  // every required field present
  kPatch,   // only present fields checked; null removes an optional field
};

// Validates input against spec and returns the normalised document: only spec fields, in
// spec order, strings trimmed and normalised, times in UTC. kInvalidArgument lists every
// problem with its JSON path.
Result<rapidjson::Document> Validate(const ResourceSpec& spec, const rapidjson::Value& input,
                                     Mode mode);

// Overlays a validated patch on a stored document as JSON Merge Patch does (RFC 7396): nested
// objects are merged member by member, null removes a member, lists are replaced whole.
rapidjson::Document Merge(const rapidjson::Value& stored, const rapidjson::Value& patch);

}  // namespace vc::registration
