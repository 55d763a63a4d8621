// The one logging facade: one JSON line per event on stderr, with time, level, service, event
// name, the request id when there is one, and fields. Values are escaped; nothing is
// interpreted. Secrets must never be passed as fields (tokens, secrets, personal data).
//
// Thread-safe: a line is formatted in full, then handed to the sink (src/sink.h), which
// writes info and debug lines in batches from a background thread and warnings and errors at
// once, every line whole and in order.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace vc::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// A field value: text, an integer, a number or a flag.
using Value = std::variant<std::string_view, int64_t, double, bool>;

struct Field {
  std::string_view key;
  Value value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, int v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, long v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, long long v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, unsigned v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
};

// Set once at start-up; events below the level are dropped.
void Configure(std::string_view service, Level min_level);
bool ParseLevel(std::string_view text, Level* out);

void Write(Level level, std::string_view event, std::initializer_list<Field> fields = {});

// Writes every line logged so far before returning; done at exit too. For a process about to
// end other than by returning from main (abort, _exit, exec).
void Flush();

inline void Debug(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, e, f);
}
inline void Info(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, e, f);
}
inline void Warn(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, e, f);
}
inline void Error(std::string_view e, std::initializer_list<Field> f = {}) {
  Write(Level::kError, e, f);
}

// Appends text to out as the inside of a JSON string (quotes not included).
void AppendEscaped(std::string& out, std::string_view text);

}  // namespace vc::log
