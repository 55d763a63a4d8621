#include <jwt.h>

#include <string>

#include "claims_json.h"
#include "jwt_handle.h"
#include "vc/auth/token.h"
#include "vc/log/log.h"

namespace vc::auth {
namespace {

// libjwt takes C strings, so an embedded NUL would silently cut a claim short.
bool HasNul(const std::string& text) { return text.find('\0') != std::string::npos; }

Status CheckMintable(const Application& application, const Claims& claims) {
  if (application.client_id.empty()) {
    return Status::InvalidField("client_id", "required", "de applicatie heeft geen client_id");
  }
  if (!claims.client_id.empty() && claims.client_id != application.client_id) {
    return Status::InvalidField("client_id", "mismatch", "hoort niet bij deze applicatie");
  }
  if (HasNul(application.client_id) || (claims.user_id && HasNul(*claims.user_id))) {
    return Status::InvalidField("client_id", "format", "een NUL-teken past niet in een token");
  }
  if (application.secret.size() < 32) {
    return Status::InvalidField("secret", "too_short", "het geheim is korter dan 32 bytes");
  }
  if (claims.issued_at < 0 || (claims.expires_at && *claims.expires_at < 0)) {
    return Status::InvalidField("iat", "negative", "tijden liggen niet voor 1970");
  }
  if (claims.gemeente && !IsGemeenteCode(*claims.gemeente)) {
    return Status::InvalidField("gemeente", "format", "een gemeentecode heeft 4 cijfers");
  }
  return Status::Ok();
}

std::string ScopesJson(const std::vector<std::string>& scopes) {
  std::string json = "{\"scopes\":[";
  for (size_t i = 0; i < scopes.size(); ++i) {
    json += i == 0 ? "\"" : ",\"";
    log::AppendEscaped(json, scopes[i]);
    json += '"';
  }
  return json + "]}";
}

// libjwt reports failures as errno values; any of them here means we could not build the token.
Status Checked(int rc, const char* step) {
  if (rc == 0) return Status::Ok();
  return Status::Internal(std::string("libjwt ") + step + " failed with errno " +
                          std::to_string(rc));
}

Status AddClaims(jwt_t* jwt, const std::string& client_id, const Claims& claims) {
  VC_RETURN_IF_ERROR(Checked(jwt_add_grant(jwt, "client_id", client_id.c_str()), "client_id"));
  VC_RETURN_IF_ERROR(Checked(jwt_add_grant_int(jwt, "iat", claims.issued_at), "iat"));
  if (claims.expires_at) {
    VC_RETURN_IF_ERROR(Checked(jwt_add_grant_int(jwt, "exp", *claims.expires_at), "exp"));
  }
  if (claims.gemeente) {
    VC_RETURN_IF_ERROR(
        Checked(jwt_add_grant(jwt, "gemeente", claims.gemeente->c_str()), "gemeente"));
  }
  if (claims.user_id) {
    VC_RETURN_IF_ERROR(Checked(jwt_add_grant(jwt, "user_id", claims.user_id->c_str()), "user_id"));
  }
  return Checked(jwt_add_grants_json(jwt, ScopesJson(claims.scopes).c_str()), "scopes");
}

}  // namespace

Result<std::string> Mint(const Application& application, const Claims& claims) {
  VC_RETURN_IF_ERROR(CheckMintable(application, claims));

  jwt_t* raw = nullptr;
  int rc = jwt_new(&raw);
  JwtHandle jwt(raw);
  if (rc != 0 || jwt == nullptr) return Status::Internal("libjwt could not allocate a token");

  VC_RETURN_IF_ERROR(AddClaims(jwt.get(), application.client_id, claims));
  const auto* key = reinterpret_cast<const unsigned char*>(application.secret.data());
  int key_len = static_cast<int>(application.secret.size());
  VC_RETURN_IF_ERROR(Checked(jwt_set_alg(jwt.get(), JWT_ALG_HS256, key, key_len), "set_alg"));

  JwtText token(jwt_encode_str(jwt.get()));
  if (token == nullptr) return Status::Internal("libjwt could not encode the token");
  return std::string(token.get());
}

}  // namespace vc::auth
