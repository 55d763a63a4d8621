// JWT bearer tokens in the ZGW style: HS256 signed with a per-application secret, identified
// by the client_id claim (ZGW puts it in the payload; the "iss" claim is accepted as a
// fallback). Signing and verification go through libjwt, which uses OpenSSL and compares
// signatures in constant time; "alg: none" and every algorithm but HS256 are refused.
//
// Claims used here:
//   client_id  (string, required)  the application
//   iat        (integer, required) issued-at, seconds since the epoch
//   exp        (integer, optional) honoured when present
//   gemeente   (string, optional)  the tenant: a 4-digit CBS municipality code
//   scopes     (array of strings)  what the application may do
//   user_id    (string, optional)  the person acting, for audit fields
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vc/core/clock.h"
#include "vc/core/result.h"

namespace vc::auth {

struct Application {
  std::string client_id;
  std::string secret;  // at least 32 bytes
};

struct Claims {
  std::string client_id;
  std::optional<std::string> gemeente;
  std::vector<std::string> scopes;
  std::optional<std::string> user_id;
  int64_t issued_at = 0;
  std::optional<int64_t> expires_at;

  bool HasScope(std::string_view scope) const;
};

struct VerifyOptions {
  std::chrono::seconds max_age{3600};  // iat older than this is refused
  std::chrono::seconds leeway{60};     // clock skew allowed for iat in the future and exp
};

class Verifier {
 public:
  // An application whose secret is under 32 bytes is left out (and logged); when a client_id
  // appears twice, its first secret counts. clock must outlive the Verifier.
  Verifier(std::vector<Application> applications, VerifyOptions options, const Clock& clock);

  // header is the whole Authorization value ("Bearer <jwt>"; the scheme in any case, blanks
  // around the token tolerated, at most 8 KiB). Every failure is kUnauthenticated with a Dutch
  // message safe to show (it never echoes the token) and one "auth.token_refused" log line
  // with the reason. Thread-safe.
  //
  // A token whose signature and claims checked out is remembered (up to kCacheSize tokens), so
  // that a client sending the same token again costs a lookup instead of an HMAC and two JSON
  // parses; its times are still checked on every use.
  Result<Claims> Verify(std::string_view header) const;

  static constexpr size_t kCacheSize = 10000;

 private:
  Result<Claims> VerifyUncached(const std::string& token) const;
  Status CheckTimesNow(const Claims& claims) const;

  std::unordered_map<std::string, std::string> secrets_;  // client_id -> secret
  VerifyOptions options_;
  const Clock& clock_;
  mutable std::shared_mutex cache_mutex_;
  mutable std::unordered_map<std::string, Claims> verified_;  // token -> its claims
};

// Signs claims with the application's secret (HS256). iat is taken from claims.issued_at;
// client_id is the application's (claims.client_id must be empty or equal to it). A secret
// under 32 bytes, a bad gemeente code or negative times are kInvalidArgument; a libjwt
// failure is kInternal.
Result<std::string> Mint(const Application& application, const Claims& claims);

// Applications from text: one "client_id:secret" per line or comma-separated; blank lines and
// lines starting with '#' are skipped. A malformed entry or a secret under 32 bytes is
// kInvalidArgument naming the entry (never the secret), as is a client_id given twice.
Result<std::vector<Application>> ParseApplications(std::string_view text);

// A new application with a random client id ("<prefix>-<8 hex>"; prefix characters outside
// [A-Za-z0-9._-] become '-') and a 48-character base64url secret from the cryptographic
// generator. Throws std::runtime_error only if that generator fails. Thread-safe.
Application NewApplication(std::string_view prefix);

}  // namespace vc::auth
