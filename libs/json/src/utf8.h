// UTF-8 checks shared by parsing, reading and writing. Internal to vc_json.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vc::json::internal {

// True when text is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), no
// code points above U+10FFFF, no truncated sequences.
bool IsValidUtf8(std::string_view text);

// The number of code points in valid UTF-8 text (for other text: bytes that are not
// continuation bytes).
size_t CountCodePoints(std::string_view text);

// text with each byte that does not start a valid sequence replaced by U+FFFD.
std::string ToValidUtf8(std::string_view text);

}  // namespace vc::json::internal
