#include "vc/notifications/message.h"

#include <chrono>

#include "vc/core/uuid.h"
#include "vc/json/parse.h"
#include "vc/json/writer.h"

namespace vc::notifications {
namespace {

void WriteKenmerken(json::Writer& w, const std::map<std::string, std::string>& kenmerken) {
  w.StartObject();
  for (const auto& [key, value] : kenmerken) w.Field(key, value);
  w.EndObject();
}

Status RequiredText(const rapidjson::Value& doc, const char* name, std::string* out) {
  auto it = doc.FindMember(name);
  if (it == doc.MemberEnd()) {
    return Status::InvalidField(name, "required", "Dit veld is verplicht.");
  }
  if (!it->value.IsString()) {
    return Status::InvalidField(name, "invalid-type", "Dit veld moet tekst zijn.");
  }
  *out = std::string(it->value.GetString(), it->value.GetStringLength());
  return Status::Ok();
}

}  // namespace

std::string TimeOrderedUuid() {
  // A v4 uuid supplies the random bits and the variant; its first 48 bits become the time.
  std::string id = NewUuid();
  const uint64_t ms = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count());
  static constexpr char kHex[] = "0123456789abcdef";
  static constexpr size_t kTimeDigits[] = {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12};  // skips '-'
  for (size_t i = 0; i < 12; ++i) id[kTimeDigits[i]] = kHex[(ms >> (44 - 4 * i)) & 0xF];
  id[14] = '7';  // version
  return id;
}

std::string KenmerkenJson(const std::map<std::string, std::string>& kenmerken) {
  json::Writer w;
  WriteKenmerken(w, kenmerken);
  return w.Take();
}

std::string ToJson(const Message& m) {
  json::Writer w;
  w.StartObject();
  if (!m.id.empty()) w.Field("id", m.id);
  w.Field("kanaal", m.kanaal)
      .Field("hoofdObject", m.hoofd_object)
      .Field("resource", m.resource)
      .Field("resourceUrl", m.resource_url)
      .Field("actie", m.actie)
      .Field("aanmaakdatum", m.aanmaakdatum)
      .Key("kenmerken");
  WriteKenmerken(w, m.kenmerken);
  w.EndObject();
  return w.Take();
}

Result<Message> ParseMessage(std::string_view text) {
  Result<rapidjson::Document> doc = json::ParseObject(text);
  if (!doc.ok()) return doc.status();

  Message m;
  if (doc->HasMember("id")) VC_RETURN_IF_ERROR(RequiredText(*doc, "id", &m.id));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "kanaal", &m.kanaal));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "hoofdObject", &m.hoofd_object));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "resource", &m.resource));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "resourceUrl", &m.resource_url));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "actie", &m.actie));
  VC_RETURN_IF_ERROR(RequiredText(*doc, "aanmaakdatum", &m.aanmaakdatum));

  auto kenmerken = doc->FindMember("kenmerken");
  if (kenmerken == doc->MemberEnd()) return m;
  if (!kenmerken->value.IsObject()) {
    return Status::InvalidField("kenmerken", "invalid-type", "Dit veld moet een object zijn.");
  }
  for (const auto& member : kenmerken->value.GetObject()) {
    std::string key(member.name.GetString(), member.name.GetStringLength());
    if (!member.value.IsString()) {
      return Status::InvalidField("kenmerken." + key, "invalid-type",
                                  "Een kenmerk moet tekst zijn.");
    }
    m.kenmerken[key] = std::string(member.value.GetString(), member.value.GetStringLength());
  }
  return m;
}

}  // namespace vc::notifications
