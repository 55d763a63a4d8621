#include "vc/json/reader.h"

#include <algorithm>
#include <cstdio>

#include "utf8.h"

namespace vc::json {
namespace {

// "1 teken", "3 tekens": counts in reasons read as Dutch.
std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string FormatNumber(double value) {
  char text[32];
  int length = std::snprintf(text, sizeof text, "%.15g", value);
  return length > 0 ? std::string(text) : std::string("?");
}

// Limitation: only ASCII white space is trimmed, not e.g. U+00A0 (no-break space); form
// input rarely carries other kinds, and trimming them would need Unicode property tables.
std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Limitation: libstdc++'s std::regex recurses about once per character, so a pattern is only
// tried on text that passed max_length (CheckString); a pattern field with a max_length in the
// tens of thousands could still exhaust the stack. No field of ours needs one that long.
bool FullMatch(const std::string& text, const std::regex& pattern) {
  // std::regex reports matches it cannot finish (e.g. error_complexity) by throwing.
  try {
    return std::regex_match(text, pattern);
  } catch (const std::regex_error&) {
    return false;
  }
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    out += (out.empty() ? "" : ", ") + word;
  }
  return out;
}

}  // namespace

ObjectReader::ObjectReader(const rapidjson::Value& value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.IsObject()) {
    AddProblem(path_.empty() ? "$" : path_, codes::kType, "moet een object zijn");
  }
}

bool ObjectReader::Present(const char* name) const {
  return value_.IsObject() && value_.HasMember(name);
}

bool ObjectReader::IsNull(const char* name) const {
  if (!value_.IsObject()) {
    return false;
  }
  auto it = value_.FindMember(name);
  return it != value_.MemberEnd() && it->value.IsNull();
}

const rapidjson::Value* ObjectReader::Lookup(const char* name, bool required, bool nullable) {
  asked_.insert(name);
  if (!value_.IsObject()) {
    return nullptr;
  }

  auto it = value_.FindMember(name);
  if (it == value_.MemberEnd()) {
    if (required) {
      AddProblem(PathOf(name), codes::kRequired, "is verplicht");
    }
    return nullptr;
  }

  if (it->value.IsNull()) {
    if (required && !nullable) {
      AddProblem(PathOf(name), codes::kRequired, "is verplicht");
    } else if (!nullable) {
      AddProblem(PathOf(name), codes::kType, "mag niet null zijn");
    }
    return nullptr;
  }
  return &it->value;
}

std::optional<std::string> ObjectReader::String(const char* name, const StringRule& rule) {
  const rapidjson::Value* v = Lookup(name, rule.required, rule.nullable);
  if (!v) {
    return std::nullopt;
  }
  if (!v->IsString()) {
    AddProblem(PathOf(name), codes::kType, "moet een tekst zijn");
    return std::nullopt;
  }
  return CheckString(PathOf(name), {v->GetString(), v->GetStringLength()}, rule);
}

std::optional<std::string> ObjectReader::CheckString(const std::string& path, std::string_view text,
                                                     const StringRule& rule) {
  std::string value(rule.trim ? Trim(text) : text);
  size_t length = internal::CountCodePoints(value);
  if (length < rule.min_length) {
    AddProblem(path, codes::kMinLength,
               rule.min_length == 1
                   ? "mag niet leeg zijn"
                   : "moet minstens " + Count(rule.min_length, "teken", "tekens") + " lang zijn");
    return std::nullopt;
  }
  if (length > rule.max_length) {
    AddProblem(path, codes::kMaxLength,
               "mag hoogstens " + Count(rule.max_length, "teken", "tekens") + " lang zijn");
    return std::nullopt;
  }

  if (rule.allowed &&
      std::find(rule.allowed->begin(), rule.allowed->end(), value) == rule.allowed->end()) {
    AddProblem(path, codes::kEnum, "moet een van deze waarden zijn: " + Join(*rule.allowed));
    return std::nullopt;
  }
  if (rule.pattern && !FullMatch(value, *rule.pattern)) {
    AddProblem(path, codes::kPattern, "heeft niet de juiste vorm");
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> ObjectReader::Integer(const char* name, const IntRule& rule) {
  const rapidjson::Value* v = Lookup(name, rule.required, rule.nullable);
  if (!v) {
    return std::nullopt;
  }

  // RapidJSON keeps 1.0 and 1e2 as doubles, so IsInt64 accepts exactly the JSON integers
  // that fit.
  if (!v->IsInt64()) {
    AddProblem(PathOf(name), codes::kType,
               v->IsUint64() ? "is te groot voor een geheel getal" : "moet een geheel getal zijn");
    return std::nullopt;
  }

  int64_t value = v->GetInt64();
  if (value < rule.min) {
    AddProblem(PathOf(name), codes::kMinimum,
               "moet minstens " + std::to_string(rule.min) + " zijn");
    return std::nullopt;
  }
  if (value > rule.max) {
    AddProblem(PathOf(name), codes::kMaximum,
               "mag hoogstens " + std::to_string(rule.max) + " zijn");
    return std::nullopt;
  }
  return value;
}

std::optional<double> ObjectReader::Number(const char* name, const NumberRule& rule) {
  const rapidjson::Value* v = Lookup(name, rule.required, rule.nullable);
  if (!v) {
    return std::nullopt;
  }
  if (!v->IsNumber()) {
    AddProblem(PathOf(name), codes::kType, "moet een getal zijn");
    return std::nullopt;
  }

  double value = v->GetDouble();
  if (value < rule.min) {
    AddProblem(PathOf(name), codes::kMinimum, "moet minstens " + FormatNumber(rule.min) + " zijn");
    return std::nullopt;
  }
  if (value > rule.max) {
    AddProblem(PathOf(name), codes::kMaximum, "mag hoogstens " + FormatNumber(rule.max) + " zijn");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ObjectReader::Bool(const char* name, bool required) {
  const rapidjson::Value* v = Lookup(name, required, false);
  if (!v) {
    return std::nullopt;
  }
  if (!v->IsBool()) {
    AddProblem(PathOf(name), codes::kType, "moet true of false zijn");
    return std::nullopt;
  }
  return v->GetBool();
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(const char* name,
                                                                  const ArrayRule& array,
                                                                  const StringRule& item) {
  const rapidjson::Value* list = Array(name, {array.required, array.max_items, false});
  if (!list) {
    return std::nullopt;
  }

  std::vector<std::string> values;
  bool valid = true;
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    std::string path = PathOf(name) + "[" + std::to_string(i) + "]";
    const rapidjson::Value& v = (*list)[i];
    std::optional<std::string> value;
    if (v.IsString()) {
      value = CheckString(path, {v.GetString(), v.GetStringLength()}, item);
    } else {
      AddProblem(path, codes::kType, "moet een tekst zijn");
    }

    // Duplicates are judged after trimming, as the caller will store them.
    if (value && array.unique && std::find(values.begin(), values.end(), *value) != values.end()) {
      AddProblem(path, codes::kUnique, "komt al eerder voor in de lijst");
      value.reset();
    }
    valid = valid && value.has_value();
    if (value) {
      values.push_back(std::move(*value));
    }
  }
  return valid ? std::optional(std::move(values)) : std::nullopt;
}

const rapidjson::Value* ObjectReader::Object(const char* name, bool required) {
  const rapidjson::Value* v = Lookup(name, required, false);
  if (v && !v->IsObject()) {
    AddProblem(PathOf(name), codes::kType, "moet een object zijn");
    return nullptr;
  }
  return v;
}

const rapidjson::Value* ObjectReader::Array(const char* name, const ArrayRule& rule) {
  const rapidjson::Value* v = Lookup(name, rule.required, false);
  if (v && !v->IsArray()) {
    AddProblem(PathOf(name), codes::kType, "moet een lijst zijn");
    return nullptr;
  }
  return v && CheckItems(PathOf(name), *v, rule) ? v : nullptr;
}

bool ObjectReader::CheckItems(const std::string& path, const rapidjson::Value& array,
                              const ArrayRule& rule) {
  if (array.Size() > rule.max_items) {
    AddProblem(path, codes::kMaxItems,
               "mag hoogstens " + Count(rule.max_items, "element", "elementen") + " bevatten");
    return false;
  }
  if (!rule.unique) {
    return true;
  }

  // Quadratic, but max_items keeps it small; == compares nested values in full.
  for (rapidjson::SizeType i = 1; i < array.Size(); ++i) {
    for (rapidjson::SizeType j = 0; j < i; ++j) {
      if (array[i] == array[j]) {
        AddProblem(path + "[" + std::to_string(i) + "]", codes::kUnique,
                   "komt al eerder voor in de lijst");
        return false;
      }
    }
  }
  return true;
}

ObjectReader ObjectReader::Child(const rapidjson::Value& value,
                                 const std::string& name_or_index) const {
  return ObjectReader(value, PathOf(name_or_index));
}

void ObjectReader::Absorb(const ObjectReader& child) {
  problems_.insert(problems_.end(), child.problems_.begin(), child.problems_.end());
}

std::string ObjectReader::PathOf(std::string_view name) const {
  if (path_.empty()) {
    return std::string(name);
  }
  bool is_index = !name.empty() && name.front() == '[';
  return path_ + (is_index ? "" : ".") + std::string(name);
}

void ObjectReader::AddProblem(std::string name_path, std::string code, std::string reason) {
  problems_.push_back({std::move(name_path), std::move(code), std::move(reason)});
}

void ObjectReader::RejectUnknown() {
  if (!value_.IsObject()) {
    return;
  }
  for (const auto& member : value_.GetObject()) {
    std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (asked_.find(name) == asked_.end()) {
      AddProblem(PathOf(name), codes::kUnknown, "is geen bekend veld");
    }
  }
}

Status ObjectReader::Finish() const {
  if (problems_.empty()) {
    return Status::Ok();
  }
  return Status::Invalid("De invoer is ongeldig.", problems_);
}

}  // namespace vc::json
