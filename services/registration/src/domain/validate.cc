#include "domain/resource_spec.h"
#include "vc/core/clock.h"
#include "vc/core/uuid.h"

namespace vc::registration {
namespace {

using rapidjson::Value;
using Allocator = rapidjson::Document::AllocatorType;

void ReadFields(const std::vector<FieldSpec>& fields, json::ObjectReader& reader, Mode mode,
                Value& out, Allocator& alloc);

Value Text(const std::string& s, Allocator& alloc) {
  return Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

json::StringRule StringRuleOf(const FieldSpec& f, bool required, bool nullable) {
  json::StringRule rule;
  rule.required = required;
  rule.nullable = nullable;
  rule.min_length = f.min_length;
  rule.max_length = f.max_length;
  rule.allowed = f.allowed;
  return rule;
}

// A string field after its format check: normalised, or nullopt with a problem recorded.
std::optional<std::string> ReadText(const FieldSpec& f, json::ObjectReader& reader, bool required,
                                    bool nullable) {
  std::optional<std::string> text =
      reader.String(f.name.c_str(), StringRuleOf(f, required, nullable));
  if (!text) return std::nullopt;

  std::optional<std::string> normal;
  const char* reason = f.format_reason;
  switch (f.type) {
    case FieldType::kDate:
      if (ParseIsoDate(*text)) normal = *text;
      reason = "moet een datum zijn (JJJJ-MM-DD)";
      break;
    case FieldType::kDateTime:
      if (auto t = ParseRfc3339(*text)) normal = FormatRfc3339(*t);
      reason = "moet een tijdstip zijn volgens RFC 3339";
      break;
    case FieldType::kReference:
      if (IsUuid(*text)) normal = *text;
      reason = "moet een UUID zijn";
      break;
    default:
      normal = f.normalize ? f.normalize(*text) : text;
  }
  if (!normal)
    reader.AddProblem(reader.PathOf(f.name), json::codes::kFormat,
                      reason ? reason : "heeft een ongeldig formaat");
  return normal;
}

void ReadObjectList(const FieldSpec& f, json::ObjectReader& reader, bool required, Value& out,
                    Allocator& alloc) {
  json::ArrayRule rule;
  rule.required = required;
  rule.max_items = f.max_items;
  const Value* items = reader.Array(f.name.c_str(), rule);
  if (!items) return;

  Value list(rapidjson::kArrayType);
  for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
    json::ObjectReader child = reader.Child((*items)[i], f.name + "[" + std::to_string(i) + "]");
    Value item(rapidjson::kObjectType);
    ReadFields(f.children, child, Mode::kCreate, item, alloc);
    child.RejectUnknown();
    reader.Absorb(child);
    list.PushBack(item, alloc);
  }
  out.AddMember(Text(f.name, alloc), list, alloc);
}

// In a patch a nested object is itself a patch (RFC 7396): its fields are optional, and null
// removes an optional one. The merged document is then checked whole, as on create.
void ReadObject(const FieldSpec& f, json::ObjectReader& reader, Mode mode, bool required,
                Value& out, Allocator& alloc) {
  const Value* object = reader.Object(f.name.c_str(), required);
  if (!object) return;

  json::ObjectReader child = reader.Child(*object, f.name);
  Value nested(rapidjson::kObjectType);
  ReadFields(f.children, child, mode, nested, alloc);
  child.RejectUnknown();
  reader.Absorb(child);
  out.AddMember(Text(f.name, alloc), nested, alloc);
}

void ReadField(const FieldSpec& f, json::ObjectReader& reader, Mode mode, Value& out,
               Allocator& alloc) {
  const bool required = mode == Mode::kCreate && f.required;
  const bool nullable = mode == Mode::kPatch && !f.required;
  const char* name = f.name.c_str();
  if (nullable && reader.IsNull(name)) {
    reader.String(name, StringRuleOf(f, false, true));  // marks the member as known
    out.AddMember(Text(f.name, alloc), Value(rapidjson::kNullType), alloc);
    return;
  }

  switch (f.type) {
    case FieldType::kString:
    case FieldType::kDate:
    case FieldType::kDateTime:
    case FieldType::kReference:
      if (auto v = ReadText(f, reader, required, false)) {
        out.AddMember(Text(f.name, alloc), Text(*v, alloc), alloc);
      }
      return;
    case FieldType::kInteger: {
      json::IntRule rule{required, false, f.min, f.max};
      if (auto v = reader.Integer(name, rule)) {
        out.AddMember(Text(f.name, alloc), Value(static_cast<int64_t>(*v)), alloc);
      }
      return;
    }
    case FieldType::kNumber: {
      json::NumberRule rule{required, false, f.min_number, f.max_number};
      if (auto v = reader.Number(name, rule)) out.AddMember(Text(f.name, alloc), Value(*v), alloc);
      return;
    }
    case FieldType::kBool:
      if (auto v = reader.Bool(name, required))
        out.AddMember(Text(f.name, alloc), Value(*v), alloc);
      return;
    case FieldType::kStringList: {
      json::ArrayRule rule{required, f.max_items, true};
      if (auto v = reader.StringArray(name, rule, StringRuleOf(f, true, false))) {
        Value list(rapidjson::kArrayType);
        for (size_t i = 0; i < v->size(); ++i) {
          std::optional<std::string> item = f.normalize ? f.normalize((*v)[i]) : (*v)[i];
          if (!item) {
            reader.AddProblem(reader.PathOf(f.name) + "[" + std::to_string(i) + "]",
                              json::codes::kFormat,
                              f.format_reason ? f.format_reason : "is ongeldig");
            continue;
          }
          list.PushBack(Text(*item, alloc), alloc);
        }
        out.AddMember(Text(f.name, alloc), list, alloc);
      }
      return;
    }
    case FieldType::kObject:
      ReadObject(f, reader, mode, required, out, alloc);
      return;
    case FieldType::kObjectList:
      ReadObjectList(f, reader, required, out, alloc);
      return;
  }
}

void ReadFields(const std::vector<FieldSpec>& fields, json::ObjectReader& reader, Mode mode,
                Value& out, Allocator& alloc) {
  for (const FieldSpec& f : fields) ReadField(f, reader, mode, out, alloc);
}

}  // namespace

const FieldSpec* ResourceSpec::Field(const std::string& name) const {
  for (const FieldSpec& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<rapidjson::Document> Validate(const ResourceSpec& spec, const rapidjson::Value& input,
                                     Mode mode) {
  rapidjson::Document out(rapidjson::kObjectType);
  json::ObjectReader reader(input);
  ReadFields(spec.fields, reader, mode, out, out.GetAllocator());
  reader.RejectUnknown();

  if (mode == Mode::kCreate && spec.cross_check && !reader.HasProblems()) {
    spec.cross_check(out, reader);
  }
  Status status = reader.Finish();
  if (!status.ok()) return status;
  return out;
}

namespace {

// RFC 7396, section 2: an object in the patch is merged into the target member by member, null
// removes a member, and anything else (a list, text, a number) replaces what was there.
Value MergeValue(const Value& target, const Value& patch, Allocator& alloc) {
  if (!patch.IsObject()) return Value(patch, alloc);

  Value out(rapidjson::kObjectType);
  if (target.IsObject()) {
    for (auto it = target.MemberBegin(); it != target.MemberEnd(); ++it) {
      if (!patch.HasMember(it->name)) {
        out.AddMember(Value(it->name, alloc), Value(it->value, alloc), alloc);
      }
    }
  }
  static const Value kAbsent;
  for (auto it = patch.MemberBegin(); it != patch.MemberEnd(); ++it) {
    if (it->value.IsNull()) continue;
    const Value* old = &kAbsent;
    if (target.IsObject()) {
      auto found = target.FindMember(it->name);
      if (found != target.MemberEnd()) old = &found->value;
    }
    out.AddMember(Value(it->name, alloc), MergeValue(*old, it->value, alloc), alloc);
  }
  return out;
}

}  // namespace

rapidjson::Document Merge(const rapidjson::Value& stored, const rapidjson::Value& patch) {
  rapidjson::Document out;
  static_cast<Value&>(out) = MergeValue(stored, patch, out.GetAllocator());
  return out;
}

}  // namespace vc::registration
