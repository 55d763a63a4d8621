// Writing JSON responses: a thin layer over rapidjson::Writer with the project's conventions
// (nulls for absent optional fields, times as RFC 3339 text, money as integer cents).
//
// The output is always valid JSON as long as calls nest correctly: text that is not valid
// UTF-8 is written with U+FFFD in place of each bad byte, and a non-finite double as null.
// Not thread-safe; one writer per response.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vc::json {

class Writer {
 public:
  Writer() : writer_(buffer_) {}

  Writer& StartObject() {
    writer_.StartObject();
    return *this;
  }
  Writer& EndObject() {
    writer_.EndObject();
    return *this;
  }
  Writer& StartArray() {
    writer_.StartArray();
    return *this;
  }
  Writer& EndArray() {
    writer_.EndArray();
    return *this;
  }
  Writer& Key(std::string_view k);

  Writer& String(std::string_view v);
  Writer& Int(int64_t v) {
    writer_.Int64(v);
    return *this;
  }
  Writer& Double(double v);
  Writer& Bool(bool v) {
    writer_.Bool(v);
    return *this;
  }
  Writer& Null() {
    writer_.Null();
    return *this;
  }
  // Writes already-serialised JSON (e.g. a stored document) as the next value. json must be
  // one complete JSON value without NUL bytes, such as Serialize() produces; it is copied
  // verbatim, not checked.
  Writer& Raw(std::string_view json);

  // Key + value in one call; optional values write null when empty.
  Writer& Field(std::string_view k, std::string_view v) { return Key(k).String(v); }
  Writer& Field(std::string_view k, const char* v) { return Key(k).String(v); }
  Writer& Field(std::string_view k, const std::string& v) { return Key(k).String(v); }
  Writer& Field(std::string_view k, int64_t v) { return Key(k).Int(v); }
  Writer& Field(std::string_view k, int v) { return Key(k).Int(v); }
  Writer& Field(std::string_view k, bool v) { return Key(k).Bool(v); }
  Writer& Field(std::string_view k, double v) { return Key(k).Double(v); }
  Writer& Field(std::string_view k, const std::optional<std::string>& v);
  Writer& Field(std::string_view k, const std::optional<int64_t>& v);
  Writer& Field(std::string_view k, const std::vector<std::string>& v);

  std::string_view View() const { return {buffer_.GetString(), buffer_.GetSize()}; }
  std::string Take() const { return std::string(View()); }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// Serialises any RapidJSON value compactly. Recurses once per nesting level (values from
// ParseObject are at most Limits::max_depth deep); strings are written as they are.
std::string Serialize(const rapidjson::Value& value);

}  // namespace vc::json
