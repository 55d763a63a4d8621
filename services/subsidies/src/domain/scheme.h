// Subsidy schemes (regelingen): their kinds, how a ceiling is divided, and the accountability
// an amount asks for. Pure rules, no storage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vc/core/status.h"

namespace vc::subsidies {

// The four kinds the municipalities use (Dutch names at the API surface).
enum class SchemeKind { kBudget, kWaardering, kProject, kInstandhouding };

// How a ceiling (subsidieplafond) is divided.
//   kOrderOfReceipt: decided as applications come in; the stored receipt time, to the
//     millisecond, decides; at the same millisecond, the application stored first.
//   kRanking: after the closing date, by points, highest first; equal points are decided by
//     the earlier receipt time, then by the application stored first.
//   kProRata: after the closing date, every approved amount is lowered by the same fraction
//     so that the total fits; cents are rounded down, so the sum never exceeds the ceiling.
enum class Allocation { kOrderOfReceipt, kRanking, kProRata };

const std::vector<std::string>& SchemeKindNames();  // "budgetsubsidie", ...
const std::vector<std::string>& AllocationNames();  // "volgorde_van_ontvangst", ...
std::optional<SchemeKind> ParseSchemeKind(std::string_view name);
std::optional<Allocation> ParseAllocation(std::string_view name);
std::string NameOf(SchemeKind kind);
std::string NameOf(Allocation allocation);

// Whether a kind runs over several years (budget and waardering) or is one-off or yearly.
bool IsMultiYear(SchemeKind kind);

// What accountability (verantwoording) a granted amount asks for.
//   kNone: no report; the grant is settled as granted (ambtshalve vaststelling).
//   kActivities: a statement that the activities took place, with a statement of costs.
//   kFinancialReport: a financial report with an accountant's statement.
enum class Tier { kNone, kActivities, kFinancialReport };

std::string NameOf(Tier tier);

// The tier bounds: an amount below no_report_below needs no report; one up to and including
// activities_up_to needs a statement; anything above needs a financial report.
struct Tiers {
  int64_t no_report_below = 2'500'000;    // EUR 25,000: the national practice
  int64_t activities_up_to = 12'500'000;  // EUR 125,000
};

// Many municipalities use lower bounds: EUR 5,000 and EUR 50,000.
inline constexpr Tiers kMunicipalTiers{500'000, 5'000'000};

// Ok when 0 < no_report_below <= activities_up_to <= kMaxCents; else names the field.
Status CheckTiers(const Tiers& tiers);
Tier TierFor(int64_t granted_cents, const Tiers& tiers);

}  // namespace vc::subsidies
