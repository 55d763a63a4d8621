// Volunteer allowances (vrijwilligersvergoedingen): the tax-free limits per year, and the
// check whether a proposed payment stays within all three of them at once (per hour for the
// volunteer's age band, per month, per year), counted over every organisation that pays the
// same volunteer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vc/core/result.h"

namespace vc::subsidies {

enum class AgeBand { kUnder21, kFrom21 };

const std::vector<std::string>& AgeBandNames();  // "jonger_dan_21", "21_of_ouder"
std::optional<AgeBand> ParseAgeBand(const std::string& name);

struct AllowanceLimits {
  int year = 0;
  std::optional<int64_t> hourly_under_21;  // cents per hour; absent: not published in the data
  int64_t hourly_from_21 = 0;
  int64_t monthly = 0;
  int64_t yearly = 0;
};

// The limits of a year, from the built-in table (2025 and 2026); kNotFound for another year.
// Limitation: the research gives no 2026 hourly limit for volunteers under 21, so that entry
// is absent and a check for it answers that the limit is unknown rather than guessing.
Result<AllowanceLimits> LimitsFor(int year);

struct ProposedAllowance {
  int year = 0;
  int month = 0;  // 1..12
  AgeBand band = AgeBand::kFrom21;
  int64_t amount = 0;   // cents
  int64_t minutes = 0;  // time worked that the payment is for
};

// What is already paid to the same volunteer, by every organisation together.
struct PaidSoFar {
  int64_t month = 0;  // cents in the proposed payment's month
  int64_t year = 0;   // cents in its calendar year
};

struct AllowanceCheck {
  bool within = true;                // all three limits hold with the payment
  std::vector<std::string> crossed;  // "uur", "maand", "jaar"
  int64_t hourly_limit = 0;          // cents per hour for the band
  int64_t hourly_headroom = 0;       // cents this payment could rise within the hourly limit
  int64_t month_headroom = 0;        // cents still free in the month after the payment
  int64_t year_headroom = 0;         // cents still free in the year after the payment
  int64_t headroom = 0;              // the least of the three (negative: over by that much)
};

// Checks without booking. kInvalidArgument for a month out of 1..12, minutes out of
// 1..44640 (a month of hours), or amounts out of range; kNotFound for a year or band without
// data.
Result<AllowanceCheck> CheckAllowance(const ProposedAllowance& proposed, const PaidSoFar& paid);

}  // namespace vc::subsidies
