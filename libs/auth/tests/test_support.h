// Support for the auth tests: a fixed clock, a temporary folder, and hand-made tokens (signed
// or not) for the refusals that Mint would never produce.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vc/core/clock.h"
#include "vc/testing/support.h"

namespace vc::auth::testing {

inline constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z
inline constexpr char kClientId[] = "registratie-1a2b3c4d";
inline constexpr char kSecret[] = "sekrit-sekrit-sekrit-sekrit-sekrit-0123456789";
inline constexpr char kHs256Header[] = R"({"alg":"HS256","typ":"JWT"})";

class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t seconds) : now_(std::chrono::seconds(seconds)) {}
  TimePoint Now() const override { return now_; }

 private:
  TimePoint now_;
};

// Temporary folders come from the project's shared test support.
using TempDir = ::vc::testing::TempDir;

std::string Base64Url(std::string_view bytes);
std::string Base64UrlDecode(std::string_view text);

enum class Digest { kSha256, kSha384 };

// base64url(header).base64url(payload).HMAC(secret) over the first two parts.
std::string SignedToken(std::string_view header_json, std::string_view payload_json,
                        std::string_view secret, Digest digest = Digest::kSha256);

// base64url(header).base64url(payload).signature, the signature taken as given.
std::string UnsignedToken(std::string_view header_json, std::string_view payload_json,
                          std::string_view signature = "");

// The payload JSON of a compact token (its middle part, decoded).
std::string PayloadOf(std::string_view token);

}  // namespace vc::auth::testing
