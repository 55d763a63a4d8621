#include "vc/core/clock.h"

#include <cstdio>

namespace vc {
namespace {

// Howard Hinnant's civil-calendar algorithms, valid for the proleptic Gregorian calendar.
int DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(int z, int* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n digits at text[pos..]; false if any is not a digit.
bool Digits(std::string_view text, size_t pos, size_t n, int* out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

std::optional<int> ParseDatePart(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!Digits(text, 0, 4, &y) || !Digits(text, 5, 2, &m) || !Digits(text, 8, 2, &d)) {
    return std::nullopt;
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(m))) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

namespace {

// Writes value as exactly width decimal digits, zero-padded, at out.
void PutDigits(char* out, int width, unsigned value) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::string FormatRfc3339(TimePoint t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  long long days = ms / 86400000;
  long long rem = ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  int y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(static_cast<int>(days), &y, &m, &d);
  if (y < 0 || y > 9999) {  // outside RFC 3339's four-digit years; kept readable anyway
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", y, m, d,
                  rem / 3600000, rem / 60000 % 60, rem / 1000 % 60, rem % 1000);
    return buf;
  }

  // By hand: every request formats two or three times, and snprintf cost more than the rest
  // of building a log entry.
  std::string out = "0000-00-00T00:00:00.000Z";
  PutDigits(&out[0], 4, static_cast<unsigned>(y));
  PutDigits(&out[5], 2, m);
  PutDigits(&out[8], 2, d);
  PutDigits(&out[11], 2, static_cast<unsigned>(rem / 3600000));
  PutDigits(&out[14], 2, static_cast<unsigned>(rem / 60000 % 60));
  PutDigits(&out[17], 2, static_cast<unsigned>(rem / 1000 % 60));
  PutDigits(&out[20], 3, static_cast<unsigned>(rem % 1000));
  return out;
}

std::optional<TimePoint> ParseRfc3339(std::string_view text) {
  auto days = ParseDatePart(text);
  if (!days || text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return std::nullopt;

  int hh = 0, mi = 0, ss = 0;
  if (!Digits(text, 11, 2, &hh) || text[13] != ':' || !Digits(text, 14, 2, &mi) ||
      text[16] != ':' || !Digits(text, 17, 2, &ss) || hh > 23 || mi > 59 || ss > 60) {
    return std::nullopt;
  }

  size_t pos = 19;
  long long ms = 0;
  if (text[pos] == '.') {
    size_t digits = 0;
    for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
      if (digits < 3) ms = ms * 10 + (text[pos] - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) ms *= 10;
  }

  long long offset_min = 0;
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset_min = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!Digits(zone, 1, 2, &oh) || !Digits(zone, 4, 2, &om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset_min = (zone[0] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }

  long long total_ms =
      (static_cast<long long>(*days) * 86400LL + hh * 3600LL + mi * 60LL + ss - offset_min * 60LL) *
          1000LL +
      ms;
  return TimePoint(std::chrono::milliseconds(total_ms));
}

std::optional<int> ParseIsoDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return ParseDatePart(text);
}

std::string FormatIsoDate(int days_since_epoch) {
  int y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days_since_epoch, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

int DaysSinceEpoch(TimePoint t) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  long long days = ms / 86400000;
  if (ms % 86400000 < 0) --days;
  return static_cast<int>(days);
}

}  // namespace vc
