// Time as the services see it: an injectable clock and RFC 3339 / ISO 8601 text in UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vc {

using TimePoint = std::chrono::system_clock::time_point;

// The source of "now". Production code uses SystemClock; tests inject a fixed or stepped one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  static const SystemClock& Instance();
};

// "2026-12-03T21:05:08.123Z": UTC, millisecond precision, always the same length.
std::string FormatRfc3339(TimePoint t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; nullopt for anything else,
// including impossible dates such as February 30th.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

// A calendar date "YYYY-MM-DD" as days since 1970-01-01; nullopt when malformed or impossible.
std::optional<int> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(int days_since_epoch);

// Days since 1970-01-01 of the UTC calendar date of t.
int DaysSinceEpoch(TimePoint t);

}  // namespace vc
