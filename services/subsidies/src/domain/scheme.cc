#include "domain/scheme.h"

#include "domain/money.h"

namespace vc::subsidies {
namespace {

template <typename E>
std::optional<E> IndexIn(const std::vector<std::string>& names, std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& SchemeKindNames() {
  static const std::vector<std::string> kNames = {"budgetsubsidie", "waarderingssubsidie",
                                                  "projectsubsidie", "instandhoudingssubsidie"};
  return kNames;
}

const std::vector<std::string>& AllocationNames() {
  static const std::vector<std::string> kNames = {"volgorde_van_ontvangst", "rangschikking",
                                                  "naar_rato"};
  return kNames;
}

std::optional<SchemeKind> ParseSchemeKind(std::string_view name) {
  return IndexIn<SchemeKind>(SchemeKindNames(), name);
}

std::optional<Allocation> ParseAllocation(std::string_view name) {
  return IndexIn<Allocation>(AllocationNames(), name);
}

std::string NameOf(SchemeKind kind) { return SchemeKindNames()[static_cast<size_t>(kind)]; }

std::string NameOf(Allocation allocation) {
  return AllocationNames()[static_cast<size_t>(allocation)];
}

bool IsMultiYear(SchemeKind kind) {
  return kind == SchemeKind::kBudget || kind == SchemeKind::kWaardering;
}

std::string NameOf(Tier tier) {
  switch (tier) {
    case Tier::kNone:
      return "geen_verantwoording";
    case Tier::kActivities:
      return "activiteitenverslag";
    case Tier::kFinancialReport:
      return "financieel_verslag_met_accountantsverklaring";
  }
  return "";
}

Status CheckTiers(const Tiers& tiers) {
  if (tiers.no_report_below <= 0 || tiers.no_report_below > kMaxCents) {
    return Status::InvalidField(
        "verantwoordingsgrenzen.geenVerslagOnder", "out-of-range",
        "moet groter dan 0 en hoogstens " + std::to_string(kMaxCents) + " cent zijn");
  }
  if (tiers.activities_up_to < tiers.no_report_below || tiers.activities_up_to > kMaxCents) {
    return Status::InvalidField(
        "verantwoordingsgrenzen.activiteitenverslagTot", "out-of-range",
        "moet tussen geenVerslagOnder en " + std::to_string(kMaxCents) + " cent liggen");
  }
  return Status::Ok();
}

Tier TierFor(int64_t granted_cents, const Tiers& tiers) {
  if (granted_cents < tiers.no_report_below) return Tier::kNone;
  if (granted_cents <= tiers.activities_up_to) return Tier::kActivities;
  return Tier::kFinancialReport;
}

}  // namespace vc::subsidies
