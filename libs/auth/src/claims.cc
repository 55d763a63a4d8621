#include <rapidjson/document.h>

#include <algorithm>
#include <optional>

#include "claims_json.h"
#include "refusal.h"

namespace vc::auth {
namespace {

using rapidjson::Value;

// A claim holding a time: a non-negative integer, so later arithmetic cannot overflow.
std::optional<int64_t> SecondsOf(const Value& value) {
  if (!value.IsInt64() || value.GetInt64() < 0) return std::nullopt;
  return value.GetInt64();
}

const Value* Member(const Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// ZGW tokens carry client_id; "iss" is accepted when client_id is absent.
std::optional<std::string> ClientIdOf(const Value& payload) {
  const Value* id = Member(payload, "client_id");
  if (id == nullptr) id = Member(payload, "iss");
  if (id == nullptr || !id->IsString() || id->GetStringLength() == 0) return std::nullopt;
  return std::string(id->GetString(), id->GetStringLength());
}

std::optional<std::vector<std::string>> ScopesOf(const Value* scopes) {
  std::vector<std::string> out;
  if (scopes == nullptr) return out;
  if (!scopes->IsArray()) return std::nullopt;

  for (const Value& scope : scopes->GetArray()) {
    if (!scope.IsString()) return std::nullopt;
    out.emplace_back(scope.GetString(), scope.GetStringLength());
  }
  return out;
}

Status ReadTimes(const Value& payload, Claims& claims) {
  const Value* iat = Member(payload, "iat");
  std::optional<int64_t> issued_at = iat ? SecondsOf(*iat) : std::nullopt;
  if (!issued_at) return Refuse("iat_invalid", kMsgIat, claims.client_id);
  claims.issued_at = *issued_at;

  if (const Value* exp = Member(payload, "exp")) {
    claims.expires_at = SecondsOf(*exp);
    if (!claims.expires_at) return Refuse("exp_invalid", kMsgExp, claims.client_id);
  }
  return Status::Ok();
}

Status ReadTenantAndUser(const Value& payload, Claims& claims) {
  if (const Value* gemeente = Member(payload, "gemeente")) {
    if (!gemeente->IsString()) return Refuse("gemeente_invalid", kMsgGemeente, claims.client_id);
    claims.gemeente.emplace(gemeente->GetString(), gemeente->GetStringLength());
    if (!IsGemeenteCode(*claims.gemeente)) {
      return Refuse("gemeente_invalid", kMsgGemeente, claims.client_id);
    }
  }

  if (const Value* user = Member(payload, "user_id")) {
    if (!user->IsString()) return Refuse("user_id_invalid", kMsgUserId, claims.client_id);
    claims.user_id.emplace(user->GetString(), user->GetStringLength());
  }
  return Status::Ok();
}

}  // namespace

bool IsGemeenteCode(std::string_view text) {
  return text.size() == 4 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<Claims> ClaimsFromJson(std::string_view payload, std::string_view client_id) {
  rapidjson::Document doc;
  doc.Parse(payload.data(), payload.size());
  if (doc.HasParseError() || !doc.IsObject())
    return Refuse("payload_invalid", kMsgClaims, client_id);

  Claims claims;
  std::optional<std::string> id = ClientIdOf(doc);
  if (!id) return Refuse("no_client_id", kMsgNoClientId, client_id);
  claims.client_id = std::move(*id);

  VC_RETURN_IF_ERROR(ReadTimes(doc, claims));
  VC_RETURN_IF_ERROR(ReadTenantAndUser(doc, claims));

  std::optional<std::vector<std::string>> scopes = ScopesOf(Member(doc, "scopes"));
  if (!scopes) return Refuse("scopes_invalid", kMsgScopes, claims.client_id);
  claims.scopes = std::move(*scopes);
  return claims;
}

bool Claims::HasScope(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

}  // namespace vc::auth
