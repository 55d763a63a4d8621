// Writing JSON responses: a thin layer over rapidjson::Writer with the project's conventions
// (nulls for absent optional fields, times as RFC 3339 text, money as integer cents).
//
// The output is always valid JSON as long as calls nest correctly: text that is not valid
// UTF-8 is written with U+FFFD in place of each bad byte, and a non-finite double as null.
// Not thread-safe; one writer per response.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vc::json {

// RapidJSON's output stream over a std::string, so that the finished text can be moved out
// of the writer (Take) instead of copied; RapidJSON finds the two functions below by the
// stream's type, and reserves room before it writes a string or number.
struct TextOutput {
  using Ch = char;
  void Put(char c) { text.push_back(c); }
  void Flush() {}
  std::string text;
};
inline void PutReserve(TextOutput& out, size_t count) { out.text.reserve(out.text.size() + count); }
inline void PutUnsafe(TextOutput& out, char c) { out.text.push_back(c); }

class Writer {
 public:
  Writer() : writer_(out_) {}

  // Room for about `bytes` of output, when the caller knows its size roughly: a list of
  // stored documents, say, which would otherwise grow the text many times.
  void Reserve(size_t bytes) { out_.text.reserve(bytes); }

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

  std::string_view View() const { return out_.text; }
  // The text written, moved out: the writer is done with after this.
  std::string Take() { return std::move(out_.text); }

 private:
  TextOutput out_;
  rapidjson::Writer<TextOutput> writer_;
};

// Serialises any RapidJSON value compactly. Recurses once per nesting level (values from
// ParseObject are at most Limits::max_depth deep); strings are written as they are.
std::string Serialize(const rapidjson::Value& value);

}  // namespace vc::json
