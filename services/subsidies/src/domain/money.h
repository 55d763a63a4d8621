// Money as the subsidy rules see it: integer euro cents, never fractions, never negative, and
// never above a bound that keeps every sum of a year's amounts far from int64 overflow.
#pragma once

#include <cstdint>
#include <string>

#include "vc/core/status.h"

namespace vc::subsidies {

// EUR 1,000,000,000.00: above any municipal subsidy or purchase. Sums of 10^6 such amounts
// still fit in int64, so totals over a year's records cannot overflow.
inline constexpr int64_t kMaxCents = 100'000'000'000;

// Ok for 0 <= cents <= kMaxCents; otherwise kInvalidArgument naming field.
Status CheckCents(const std::string& field, int64_t cents);

// "€ 1.234,56": the Dutch notation, for decisions (beschikkingen).
std::string FormatEuro(int64_t cents);

}  // namespace vc::subsidies
