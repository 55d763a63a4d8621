#include "vc/log/log.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <mutex>

#include "sink.h"
#include "vc/core/clock.h"

namespace vc::log {
namespace {

std::mutex config_mutex;
std::string service_name = "vc";  // guarded by config_mutex on write; read after start-up
std::atomic<int> min_level{static_cast<int>(Level::kInfo)};

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

void AppendValue(std::string& out, const Value& value) {
  if (auto s = std::get_if<std::string_view>(&value)) {
    out.push_back('"');
    AppendEscaped(out, *s);
    out.push_back('"');
  } else if (auto i = std::get_if<int64_t>(&value)) {
    out += std::to_string(*i);
  } else if (auto d = std::get_if<double>(&value)) {
    // JSON has no NaN or infinity. to_chars: snprintf's float formatting was a visible part
    // of every access-log line in profiles of the read path.
    char buf[64];
    auto written = std::to_chars(buf, buf + sizeof buf, *d, std::chars_format::fixed, 3);
    if (!std::isfinite(*d) || written.ec != std::errc()) {
      out += "null";
    } else {
      out.append(buf, written.ptr);
    }
  } else {
    out += std::get<bool>(value) ? "true" : "false";
  }
}

}  // namespace

void Configure(std::string_view service, Level level) {
  std::lock_guard<std::mutex> lock(config_mutex);
  service_name = std::string(service);
  min_level = static_cast<int>(level);
}

bool ParseLevel(std::string_view text, Level* out) {
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (text == LevelName(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

void AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Runs of characters that need no escape are appended whole: most values have none.
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;

    out.append(text.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
}

std::string FormatLine(Level level, std::string_view event, std::initializer_list<Field> fields) {
  std::string line;
  line.reserve(256);
  line += "{\"time\":\"";
  line += FormatRfc3339(SystemClock::Instance().Now());
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"service\":\"";
  AppendEscaped(line, service_name);
  line += "\",\"event\":\"";
  AppendEscaped(line, event);
  line.push_back('"');
  for (const Field& f : fields) {
    line += ",\"";
    AppendEscaped(line, f.key);
    line += "\":";
    AppendValue(line, f.value);
  }
  line += "}\n";
  return line;
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < min_level.load(std::memory_order_relaxed)) return;
  Emit(FormatLine(level, event, fields), level >= Level::kWarn);
}

void Flush() { FlushAll(); }

}  // namespace vc::log
