// The ceiling (subsidieplafond) of a scheme and what may be granted against it. The rules
// here are pure; the storage layer runs DecideGrant and the booking in one write, on the
// database's single writer, so no two grants see the same remaining amount.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "vc/core/result.h"

namespace vc::subsidies {

struct CeilingRules {
  std::optional<int64_t> ceiling;              // absent: the scheme has none
  std::optional<int64_t> max_per_application;  // absent: no cap
  bool partial_when_short = true;  // grant what is left, or refuse when the rest is too small
};

// What is left of the ceiling after booked; nullopt without a ceiling.
std::optional<int64_t> Remaining(const CeilingRules& rules, int64_t booked);

// The amount to grant for an approved amount: capped by the maximum per application and by
// what is left. kFailedPrecondition ("bedrag") when nothing can be granted: the ceiling is
// reached, or the rest is short and the scheme grants no part.
Result<int64_t> DecideGrant(const CeilingRules& rules, int64_t approved, int64_t booked);

// One approved application in an allocation after the closing date.
struct Candidate {
  int64_t approved = 0;    // cents
  int64_t points = 0;      // ranking only
  int64_t receipt_ms = 0;  // milliseconds since the epoch
  int64_t sequence = 0;    // order in which it was stored; the last tie-break
};

// Ranking: by points (highest first), then earlier receipt, then lower sequence; each gets
// its approved amount (capped per application) while the ceiling lasts, and the first that
// no longer fits gets the rest when the scheme grants parts. Result parallel to candidates.
std::vector<int64_t> AllocateByRanking(const CeilingRules& rules,
                                       const std::vector<Candidate>& candidates);

// Pro rata: when the total exceeds the ceiling every amount is scaled by ceiling/total and
// rounded down to whole cents, so the sum never exceeds the ceiling.
std::vector<int64_t> AllocateProRata(const CeilingRules& rules,
                                     const std::vector<Candidate>& candidates);

}  // namespace vc::subsidies
