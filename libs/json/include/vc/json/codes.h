// Stable problem codes, as used in invalidParams[].code by ParseObject and ObjectReader.
// Clients may branch on them, so a code is never renamed once published.
#pragma once

namespace vc::json::codes {

// Field checks (ObjectReader).
inline constexpr const char* kRequired = "required";
inline constexpr const char* kType = "invalid-type";
inline constexpr const char* kMinLength = "min-length";
inline constexpr const char* kMaxLength = "max-length";
inline constexpr const char* kPattern = "pattern";
inline constexpr const char* kEnum = "enum";
inline constexpr const char* kMinimum = "minimum";
inline constexpr const char* kMaximum = "maximum";
inline constexpr const char* kMaxItems = "max-items";
inline constexpr const char* kUnique = "unique";
inline constexpr const char* kUnknown = "unknown-field";
inline constexpr const char* kFormat = "format";

// Document checks (ParseObject); kType, kMaxLength, kMaxItems, kUnique and kFormat apply too.
inline constexpr const char* kSyntax = "syntax";
inline constexpr const char* kInvalidUtf8 = "invalid-utf8";
inline constexpr const char* kMaxDepth = "max-depth";
inline constexpr const char* kMaxMembers = "max-members";

}  // namespace vc::json::codes
