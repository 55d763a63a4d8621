// ObjectReader reads the fields of a parsed JSON object and collects every problem it meets,
// so that one 400 can list them all as invalidParams. Names in problems are JSON paths from the
// body's root in dotted form: "naam", "contact.email", "vaardigheden[2]".
//
// Usage:
//   ObjectReader r(doc);
//   auto naam = r.String("naam", {.required = true, .max_length = 200});
//   auto uren = r.Integer("urenPerWeek", {.min = 0, .max = 80});
//   r.RejectUnknown();            // every member not asked for becomes an "unknown" problem
//   VC_RETURN_IF_ERROR(r.Finish());
//
// A getter returns nullopt when the field is absent, null (when allowed), or invalid; the
// caller distinguishes with Present() / IsNull() where it matters (PATCH semantics).
// Strings are expected to be valid UTF-8, as ParseObject guarantees. A pattern is matched
// only after the length checks passed (std::regex recurses per character).
// Not thread-safe; one reader per request. value must outlive the reader.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "vc/core/status.h"
#include "vc/json/codes.h"

namespace vc::json {

struct StringRule {
  bool required = false;
  bool nullable = false;  // null is accepted (and reported as absent by the getter)
  bool trim = true;       // leading/trailing white space removed before checks
  size_t min_length = 1;  // in Unicode code points, after trimming
  size_t max_length = 200;
  const std::regex* pattern = nullptr;                // must match in full
  const std::vector<std::string>* allowed = nullptr;  // enum
};

struct IntRule {
  bool required = false;
  bool nullable = false;
  int64_t min = INT64_MIN;
  int64_t max = INT64_MAX;
};

struct NumberRule {
  bool required = false;
  bool nullable = false;
  double min = -1e300;
  double max = 1e300;
};

struct ArrayRule {
  bool required = false;
  size_t max_items = 50;
  bool unique = false;  // duplicates are a problem
};

class ObjectReader {
 public:
  // value must be an object; otherwise Finish() reports a type problem at path (or "$").
  explicit ObjectReader(const rapidjson::Value& value, std::string path = "");

  bool Present(const char* name) const;
  bool IsNull(const char* name) const;

  std::optional<std::string> String(const char* name, const StringRule& rule);
  std::optional<int64_t> Integer(const char* name, const IntRule& rule);
  std::optional<double> Number(const char* name, const NumberRule& rule);
  std::optional<bool> Bool(const char* name, bool required = false);
  std::optional<std::vector<std::string>> StringArray(const char* name, const ArrayRule& array,
                                                      const StringRule& item);

  // Nested values. The returned pointer is null when absent or of the wrong type (a problem is
  // then recorded, and a "required" one when required and absent).
  const rapidjson::Value* Object(const char* name, bool required = false);
  const rapidjson::Value* Array(const char* name, const ArrayRule& rule);

  // A reader for a nested object whose problems are merged into this one by Absorb().
  // name_or_index is a member name ("contact") or a member with an index ("vaardigheden[2]");
  // one that starts with '[' ("[2]") is appended to this reader's path without a dot.
  ObjectReader Child(const rapidjson::Value& value, const std::string& name_or_index) const;
  void Absorb(const ObjectReader& child);

  // The JSON path of a member of this object, for problems the caller adds itself.
  std::string PathOf(std::string_view name) const;
  void AddProblem(std::string name_path, std::string code, std::string reason);

  // Marks every member that no getter asked for as an "unknown-field" problem.
  void RejectUnknown();

  bool HasProblems() const { return !problems_.empty(); }
  // Ok, or kInvalidArgument with all problems in order of discovery.
  Status Finish() const;

 private:
  // The member to check, or null when there is nothing to check; records the problem when it
  // is absent but required, or null but not nullable.
  const rapidjson::Value* Lookup(const char* name, bool required, bool nullable);
  std::optional<std::string> CheckString(const std::string& path, std::string_view text,
                                         const StringRule& rule);
  bool CheckItems(const std::string& path, const rapidjson::Value& array, const ArrayRule& rule);

  const rapidjson::Value& value_;
  std::string path_;
  std::set<std::string, std::less<>> asked_;
  std::vector<FieldProblem> problems_;
};

}  // namespace vc::json
