#include <jwt.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

#include "claims_json.h"
#include "jwt_handle.h"
#include "refusal.h"
#include "vc/auth/token.h"
#include "vc/log/log.h"

namespace vc::auth {
namespace {

// Far above any real token, far below anything that would cost us to look at.
constexpr size_t kMaxHeaderBytes = 8 * 1024;

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool IsBearer(std::string_view scheme) {
  constexpr std::string_view kBearer = "bearer";
  return scheme.size() == kBearer.size() &&
         std::equal(scheme.begin(), scheme.end(), kBearer.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// ASCII only, on purpose: std::isalnum depends on the locale, and costs a call per character.
bool IsBase64UrlOrDot(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.';
}

// header.payload.signature: three base64url segments, of which only the signature may be
// empty (an unsigned token is then refused for its algorithm, not for its shape).
bool IsCompactJws(std::string_view token) {
  if (!std::all_of(token.begin(), token.end(), IsBase64UrlOrDot)) return false;
  if (std::count(token.begin(), token.end(), '.') != 2) return false;

  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  return first > 0 && second > first + 1;
}

Result<std::string> BearerToken(std::string_view header) {
  if (header.size() > kMaxHeaderBytes) return Refuse("header_too_large", kMsgTooLarge);
  header = Trim(header);
  if (header.empty()) return Refuse("missing", kMsgMissing);

  size_t space = std::min(header.find(' '), header.find('\t'));
  if (!IsBearer(header.substr(0, space))) return Refuse("not_bearer", kMsgNotBearer);
  std::string_view token = space == std::string_view::npos ? "" : Trim(header.substr(space));
  if (token.empty()) return Refuse("empty_token", kMsgEmpty);
  return std::string(token);
}

// Reads the unverified header and payload only to refuse a foreign algorithm and to find
// whose secret to verify with; nothing else from this decoding is trusted.
Result<std::string> UnverifiedClientId(const std::string& token) {
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, token.c_str(), nullptr, 0);
  JwtHandle jwt(raw);
  if (rc != 0 || jwt == nullptr) return Refuse("malformed", kMsgMalformed);

  // Without a key libjwt 1.10 reports every algorithm as "none", so read the header's text.
  const char* alg = jwt_get_header(jwt.get(), "alg");
  if (alg == nullptr || std::strcmp(alg, "HS256") != 0) return Refuse("algorithm", kMsgAlgorithm);

  const char* id = jwt_get_grant(jwt.get(), "client_id");
  if (id == nullptr) id = jwt_get_grant(jwt.get(), "iss");
  if (id == nullptr || *id == '\0') return Refuse("no_client_id", kMsgNoClientId);
  return std::string(id);
}

// The payload JSON of a token whose HS256 signature checks out with secret.
Result<std::string> VerifiedPayload(const std::string& token, const std::string& secret,
                                    const std::string& client_id) {
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(secret.data()),
                      static_cast<int>(secret.size()));
  JwtHandle jwt(raw);
  if (rc != 0 || jwt == nullptr) return Refuse("signature", kMsgSignature, client_id);

  // jwt_decode verifies with whichever algorithm the header names; only HS256 is ours.
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) {
    return Refuse("algorithm", kMsgAlgorithm, client_id);
  }

  JwtText payload(jwt_get_grants_json(jwt.get(), nullptr));
  if (payload == nullptr) return Refuse("payload_invalid", kMsgClaims, client_id);
  return std::string(payload.get());
}

// True when later - earlier exceeds limit; computed without signed overflow.
bool Exceeds(int64_t later, int64_t earlier, std::chrono::seconds limit) {
  if (later <= earlier) return false;
  uint64_t gap = static_cast<uint64_t>(later) - static_cast<uint64_t>(earlier);
  return gap > static_cast<uint64_t>(std::max<int64_t>(limit.count(), 0));
}

// Limitation: there is no revocation list (no jti); a leaked token stays usable until its iat
// is max_age old, which is why max_age is short.
Status CheckTimes(const Claims& claims, int64_t now, const VerifyOptions& options) {
  if (Exceeds(claims.issued_at, now, options.leeway)) {
    return Refuse("iat_future", kMsgFuture, claims.client_id);
  }
  if (Exceeds(now, claims.issued_at, options.max_age)) {
    return Refuse("iat_too_old", kMsgExpired, claims.client_id);
  }
  if (claims.expires_at && Exceeds(now, *claims.expires_at, options.leeway)) {
    return Refuse("exp_past", kMsgExpired, claims.client_id);
  }
  return Status::Ok();
}

}  // namespace

Verifier::Verifier(std::vector<Application> applications, VerifyOptions options, const Clock& clock)
    : options_(options), clock_(clock) {
  for (Application& app : applications) {
    // A short secret would make forgery cheap; such an application simply cannot log in.
    if (app.secret.size() < 32) {
      log::Error("auth.application_skipped",
                 {{"client_id", app.client_id}, {"reason", "secret shorter than 32 bytes"}});
      continue;
    }
    // Limitation: one secret per client_id, so rotating a secret ends its old tokens at once.
    secrets_.emplace(std::move(app.client_id), std::move(app.secret));
  }
}

Result<Claims> Verifier::Verify(std::string_view header) const {
  Result<std::string> token = BearerToken(header);
  if (!token.ok()) return token.status();

  {
    std::shared_lock<std::shared_mutex> lock(cache_mutex_);
    auto hit = verified_.find(*token);
    if (hit != verified_.end()) {
      VC_RETURN_IF_ERROR(CheckTimesNow(hit->second));
      return hit->second;
    }
  }

  Result<Claims> claims = VerifyUncached(*token);
  if (!claims.ok()) return claims;
  VC_RETURN_IF_ERROR(CheckTimesNow(*claims));

  std::unique_lock<std::shared_mutex> lock(cache_mutex_);
  // Limitation: a full cache is emptied rather than aged out; tokens are short-lived and
  // re-verifying costs microseconds, so exact LRU bookkeeping is not worth its locking.
  if (verified_.size() >= kCacheSize) verified_.clear();
  verified_.emplace(std::move(token).value(), *claims);
  return claims;
}

Result<Claims> Verifier::VerifyUncached(const std::string& token) const {
  // Checked here, not before the cache: a remembered token had the right form.
  if (!IsCompactJws(token)) return Refuse("malformed", kMsgMalformed);

  Result<std::string> client_id = UnverifiedClientId(token);
  if (!client_id.ok()) return client_id.status();

  auto secret = secrets_.find(*client_id);
  if (secret == secrets_.end()) return Refuse("unknown_client", kMsgSignature, *client_id);

  Result<std::string> payload = VerifiedPayload(token, secret->second, *client_id);
  if (!payload.ok()) return payload.status();
  return ClaimsFromJson(*payload, *client_id);
}

Status Verifier::CheckTimesNow(const Claims& claims) const {
  int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()).count();
  return CheckTimes(claims, now, options_);
}

}  // namespace vc::auth
