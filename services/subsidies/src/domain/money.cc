#include "domain/money.h"

namespace vc::subsidies {

Status CheckCents(const std::string& field, int64_t cents) {
  if (cents < 0) return Status::InvalidField(field, "minimum", "mag niet negatief zijn");
  if (cents > kMaxCents) {
    return Status::InvalidField(field, "maximum",
                                "mag hoogstens " + std::to_string(kMaxCents) + " cent zijn");
  }
  return Status::Ok();
}

std::string FormatEuro(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(cents) : cents;
  std::string euros = std::to_string(magnitude / 100);

  // Thousands separated by dots, counted from the right.
  std::string grouped;
  for (size_t i = 0; i < euros.size(); ++i) {
    if (i > 0 && (euros.size() - i) % 3 == 0) grouped.push_back('.');
    grouped.push_back(euros[i]);
  }

  const unsigned rest = static_cast<unsigned>(magnitude % 100);
  std::string out = negative ? "-€ " : "€ ";
  out += grouped + "," + (rest < 10 ? "0" : "") + std::to_string(rest);
  return out;
}

}  // namespace vc::subsidies
