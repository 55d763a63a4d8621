#include "domain/allowance.h"

#include <algorithm>

#include "domain/money.h"

namespace vc::subsidies {
namespace {

// Belastingdienst, vrijwilligersvergoeding zonder bewijs van kosten.
const std::vector<AllowanceLimits>& Table() {
  static const std::vector<AllowanceLimits> kTable = {
      {2025, 330, 560, 21'000, 210'000},
      {2026, std::nullopt, 575, 22'000, 220'000},
  };
  return kTable;
}

constexpr int64_t kMaxMinutes = 31 * 24 * 60;

}  // namespace

const std::vector<std::string>& AgeBandNames() {
  static const std::vector<std::string> kNames = {"jonger_dan_21", "21_of_ouder"};
  return kNames;
}

std::optional<AgeBand> ParseAgeBand(const std::string& name) {
  if (name == AgeBandNames()[0]) return AgeBand::kUnder21;
  if (name == AgeBandNames()[1]) return AgeBand::kFrom21;
  return std::nullopt;
}

Result<AllowanceLimits> LimitsFor(int year) {
  for (const AllowanceLimits& limits : Table()) {
    if (limits.year == year) return limits;
  }
  return Status::NotFound("Voor " + std::to_string(year) +
                          " zijn geen grenzen voor de vrijwilligersvergoeding bekend.");
}

Result<AllowanceCheck> CheckAllowance(const ProposedAllowance& p, const PaidSoFar& paid) {
  if (p.month < 1 || p.month > 12) {
    return Status::InvalidField("maand", "out-of-range", "moet tussen 1 en 12 liggen");
  }
  if (p.minutes < 1 || p.minutes > kMaxMinutes) {
    return Status::InvalidField("minuten", "out-of-range",
                                "moet tussen 1 en " + std::to_string(kMaxMinutes) + " liggen");
  }
  VC_RETURN_IF_ERROR(CheckCents("bedrag", p.amount));
  VC_RETURN_IF_ERROR(CheckCents("betaaldInMaand", paid.month));
  VC_RETURN_IF_ERROR(CheckCents("betaaldInJaar", paid.year));

  Result<AllowanceLimits> limits = LimitsFor(p.year);
  if (!limits.ok()) return limits.status();
  std::optional<int64_t> hourly =
      p.band == AgeBand::kFrom21 ? limits->hourly_from_21 : limits->hourly_under_21;
  if (!hourly) {
    return Status::NotFound("Voor " + std::to_string(p.year) +
                            " is geen uurgrens voor vrijwilligers jonger dan 21 bekend.");
  }

  AllowanceCheck c;
  c.hourly_limit = *hourly;
  // The most the time worked allows, rounded down to whole cents: amount*60 <= limit*minutes.
  const int64_t allowed_for_time = *hourly * p.minutes / 60;
  c.hourly_headroom = allowed_for_time - p.amount;
  c.month_headroom = limits->monthly - paid.month - p.amount;
  c.year_headroom = limits->yearly - paid.year - p.amount;
  if (p.amount * 60 > *hourly * p.minutes) c.crossed.push_back("uur");
  if (c.month_headroom < 0) c.crossed.push_back("maand");
  if (c.year_headroom < 0) c.crossed.push_back("jaar");
  c.within = c.crossed.empty();
  c.headroom = std::min({c.hourly_headroom, c.month_headroom, c.year_headroom});
  return c;
}

}  // namespace vc::subsidies
