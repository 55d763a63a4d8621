#include "domain/ceiling.h"

#include <algorithm>
#include <numeric>

namespace vc::subsidies {
namespace {

int64_t Capped(const CeilingRules& rules, int64_t approved) {
  if (rules.max_per_application) return std::min(approved, *rules.max_per_application);
  return approved;
}

}  // namespace

std::optional<int64_t> Remaining(const CeilingRules& rules, int64_t booked) {
  if (!rules.ceiling) return std::nullopt;
  return std::max<int64_t>(0, *rules.ceiling - booked);
}

Result<int64_t> DecideGrant(const CeilingRules& rules, int64_t approved, int64_t booked) {
  const int64_t wanted = Capped(rules, approved);
  std::optional<int64_t> left = Remaining(rules, booked);
  if (!left || wanted <= *left) return wanted;

  if (*left == 0) {
    return Status::Unprocessable("Het subsidieplafond is bereikt.",
                                 {{"bedrag", "ceiling-reached", "het plafond is bereikt"}});
  }
  if (!rules.partial_when_short) {
    return Status::Unprocessable(
        "Het bedrag past niet meer binnen het subsidieplafond.",
        {{"bedrag", "ceiling-exceeded",
          "er is nog " + std::to_string(*left) + " cent over en de regeling verleent geen deel"}});
  }
  return *left;
}

std::vector<int64_t> AllocateByRanking(const CeilingRules& rules,
                                       const std::vector<Candidate>& candidates) {
  std::vector<size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Candidate& x = candidates[a];
    const Candidate& y = candidates[b];
    if (x.points != y.points) return x.points > y.points;
    if (x.receipt_ms != y.receipt_ms) return x.receipt_ms < y.receipt_ms;
    return x.sequence < y.sequence;
  });

  std::vector<int64_t> granted(candidates.size(), 0);
  int64_t booked = 0;
  for (size_t i : order) {
    Result<int64_t> amount = DecideGrant(rules, candidates[i].approved, booked);
    if (!amount.ok()) continue;  // a later, smaller one may still fit when parts are refused
    granted[i] = *amount;
    booked += *amount;
  }
  return granted;
}

std::vector<int64_t> AllocateProRata(const CeilingRules& rules,
                                     const std::vector<Candidate>& candidates) {
  std::vector<int64_t> wanted;
  for (const Candidate& c : candidates) wanted.push_back(Capped(rules, c.approved));
  const int64_t total = std::accumulate(wanted.begin(), wanted.end(), int64_t{0});
  if (!rules.ceiling || total <= *rules.ceiling) return wanted;

  // 128-bit products: amount * ceiling can exceed int64 for large schemes.
  for (int64_t& w : wanted) {
    w = static_cast<int64_t>(static_cast<__int128>(w) * *rules.ceiling / total);
  }
  return wanted;
}

}  // namespace vc::subsidies
