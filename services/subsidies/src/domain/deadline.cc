#include "domain/deadline.h"

namespace vc::subsidies {
namespace {

constexpr int64_t kDayMs = 86'400'000;

}  // namespace

std::optional<DueDate> DeadlineOf(const Application& a, const Scheme& s) {
  switch (a.facts.state) {
    case State::kIngediend:
    case State::kInBehandeling:
      if (!a.receipt_ms) return std::nullopt;
      return DueDate{"beslissing", static_cast<int>(*a.receipt_ms / kDayMs) + s.decision_weeks * 7};
    case State::kVerantwoordingIngediend:
      if (!a.accounted_day) return std::nullopt;
      return DueDate{"vaststelling", *a.accounted_day + s.settlement_weeks * 7};
    case State::kVerleend:
    case State::kDeelsVerleend:
    case State::kVoorschotBetaald:
      if (a.facts.tier == Tier::kNone) {
        return DueDate{"vaststelling", s.period_end + s.settlement_weeks * 7};
      }
      if (!s.accountability_due) return std::nullopt;
      return DueDate{"verantwoording", *s.accountability_due};
    default:
      return std::nullopt;
  }
}

}  // namespace vc::subsidies
