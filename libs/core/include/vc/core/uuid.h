// UUIDv4 identifiers drawn from OpenSSL's cryptographic generator.
#pragma once

#include <string>
#include <string_view>

namespace vc {

// A new random UUID in its canonical lower-case 36-character form. Thread-safe.
std::string NewUuid();

// True when text is a canonical UUID (any version, either case).
bool IsUuid(std::string_view text);

}  // namespace vc
