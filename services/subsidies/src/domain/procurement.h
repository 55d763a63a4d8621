// Procurement route advice (inkoopadvies): whether a planned purchase must be tendered across
// Europe, from the thresholds in force on a date, and which other routes the law leaves open,
// each with its reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vc/core/result.h"

namespace vc::subsidies {

enum class PurchaseKind { kServices, kSupplies, kWorks, kSocialServices };

const std::vector<std::string>& PurchaseKindNames();  // "diensten", "leveringen", ...
std::optional<PurchaseKind> ParsePurchaseKind(const std::string& name);

// The thresholds for municipalities (decentrale overheden), excluding VAT, in cents.
struct Thresholds {
  int valid_from = 0;  // days since 1970-01-01, inclusive
  int valid_to = 0;    // inclusive
  int64_t services_and_supplies = 0;
  int64_t works = 0;
  int64_t social_services = 0;
};

// The thresholds in force on a day; kNotFound outside the table (2024-2027).
Result<Thresholds> ThresholdsOn(int day);

struct Route {
  std::string name;    // "europese_aanbesteding", "subsidie", "inbesteding", ...
  bool open = false;   // whether the law leaves this route open for the purchase
  std::string reason;  // why, in Dutch
};

struct ProcurementAdvice {
  int64_t threshold = 0;
  bool european_tender_required = false;
  std::vector<Route> routes;
};

// value is the estimated total over the whole term including every option. kInvalidArgument
// for an amount out of range; kNotFound when no thresholds are known for the day.
Result<ProcurementAdvice> AdviseProcurement(PurchaseKind kind, int64_t value, int day);

}  // namespace vc::subsidies
