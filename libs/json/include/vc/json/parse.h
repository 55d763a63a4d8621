// Parsing request bodies with limits. Anything outside the limits, malformed, truncated or not
// valid UTF-8 is a kInvalidArgument Status (or kTooLarge for the byte limit) with one
// FieldProblem naming where it went wrong ("$" for the document as a whole).
//
// Problems, by code (vc/json/codes.h):
//   syntax        "$": malformed, truncated, empty, text after the object, a raw NUL byte
//   invalid-utf8  "$" or the string's path: bad UTF-8 (overlong forms, surrogates included)
//   invalid-type  "$": the top level is not an object
//   max-depth     the path of the value nested one level too deep
//   max-length    the path of a string longer than max_string_bytes (a key: its object's path)
//   max-items / max-members   the path of the array / object that holds too many
//   unique        the path of a member whose name occurs twice in one object
//   format        the path of a string that holds U+0000 (as the \u0000 escape)
//
// Parsing is iterative (no recursion), so hostile nesting cannot exhaust the stack; the first
// problem stops it. Thread-safe: no shared state.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

#include "vc/core/result.h"
#include "vc/json/codes.h"

namespace vc::json {

struct Limits {
  size_t max_bytes = 1 << 20;       // whole body
  int max_depth = 16;               // nesting of objects and arrays
  size_t max_string_bytes = 10000;  // any single string, keys included
  size_t max_array_items = 1000;    // any single array
  size_t max_members = 200;         // any single object
};

// Parses text that must hold exactly one JSON object.
Result<rapidjson::Document> ParseObject(std::string_view text, const Limits& limits = {});

}  // namespace vc::json
