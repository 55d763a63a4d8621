#include "domain/document.h"

#include "vc/json/writer.h"

namespace vc::registration {
namespace {

constexpr const char* kServiceMembers[] = {
    "id", "url", "aangemaaktOp", "gewijzigdOp", "geregistreerdDoor", "geanonimiseerd"};

bool IsServiceMember(const char* name) {
  for (const char* m : kServiceMembers) {
    if (std::string_view(m) == name) return true;
  }
  return false;
}

std::string TextOf(const rapidjson::Value& doc, const char* name) {
  auto it = doc.FindMember(name);
  return it != doc.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

}  // namespace

std::string Compose(const ResourceSpec& spec, const rapidjson::Value& fields,
                    const DocumentMeta& meta) {
  json::Writer w;
  w.StartObject().Field("id", meta.id);
  for (const FieldSpec& f : spec.fields) {
    auto it = fields.FindMember(f.name.c_str());
    if (it == fields.MemberEnd() || it->value.IsNull()) continue;
    w.Key(f.name).Raw(json::Serialize(it->value));
  }
  if (spec.records_registrar) w.Field("geregistreerdDoor", meta.registrar);
  w.Field("aangemaaktOp", meta.created).Field("gewijzigdOp", meta.modified).EndObject();
  return w.Take();
}

rapidjson::Document FieldsOf(const rapidjson::Value& stored) {
  rapidjson::Document out(rapidjson::kObjectType);
  for (auto it = stored.MemberBegin(); it != stored.MemberEnd(); ++it) {
    if (IsServiceMember(it->name.GetString())) continue;
    out.AddMember(rapidjson::Value(it->name, out.GetAllocator()),
                  rapidjson::Value(it->value, out.GetAllocator()), out.GetAllocator());
  }
  return out;
}

DocumentMeta MetaOf(const rapidjson::Value& stored) {
  DocumentMeta meta{TextOf(stored, "id"), TextOf(stored, "aangemaaktOp"),
                    TextOf(stored, "gewijzigdOp"), std::nullopt};
  std::string registrar = TextOf(stored, "geregistreerdDoor");
  if (!registrar.empty()) meta.registrar = registrar;
  return meta;
}

void Complete(const ResourceSpec& spec, const Tenant& tenant, bool rederive_wijk,
              rapidjson::Document& fields) {
  auto& alloc = fields.GetAllocator();
  for (const FieldSpec& f : spec.fields) {
    if (f.default_text.empty() || fields.HasMember(f.name.c_str())) continue;
    fields.AddMember(rapidjson::Value(f.name.c_str(), alloc),
                     rapidjson::Value(f.default_text.c_str(), alloc), alloc);
  }

  if (!spec.Field("wijk") || !spec.Field("postcode")) return;
  const std::string postcode = TextOf(fields, "postcode");
  if (postcode.empty() || (fields.HasMember("wijk") && !rederive_wijk)) return;
  std::optional<std::string> wijk = tenant.WijkFor(postcode);
  fields.RemoveMember("wijk");
  if (wijk) {
    fields.AddMember("wijk", rapidjson::Value(wijk->c_str(), alloc), alloc);
  }
}

std::optional<std::string> RegistrarOf(const ResourceSpec& spec, const rapidjson::Value& fields,
                                       const std::string& acting) {
  if (!spec.records_registrar || TextOf(fields, "kanaal") == "online") return std::nullopt;
  return acting;
}

}  // namespace vc::registration
