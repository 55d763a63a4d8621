#include "domain/retention.h"

#include <cstdio>
#include <string>

namespace vc::registration {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

TimePoint RetentionCutoff(TimePoint now, int months) {
  // Calendar arithmetic on the text form keeps this independent of time zone libraries.
  std::string text = FormatRfc3339(now);
  int y = std::stoi(text.substr(0, 4));
  int m = std::stoi(text.substr(5, 2));
  int d = std::stoi(text.substr(8, 2));

  int total = y * 12 + (m - 1) - months;
  y = total / 12;
  m = total % 12 + 1;
  if (d > DaysIn(y, m)) d = DaysIn(y, m);

  char date[32];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
  return *ParseRfc3339(std::string(date) + text.substr(10));
}

void Anonymise(const ResourceSpec& spec, rapidjson::Document& stored) {
  for (const FieldSpec& f : spec.fields) {
    if (f.personal) stored.RemoveMember(f.name.c_str());
  }
  if (!stored.HasMember("geanonimiseerd")) {
    stored.AddMember("geanonimiseerd", true, stored.GetAllocator());
  }
}

}  // namespace vc::registration
