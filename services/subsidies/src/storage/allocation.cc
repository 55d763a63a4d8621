#include "storage/allocation.h"

#include <set>

#include "storage/stores.h"

namespace vc::subsidies {
namespace {

Status NotInReview(size_t i, const std::string& why) {
  const std::string field = "beoordelingen[" + std::to_string(i) + "].aanvraag";
  return Status::Unprocessable("Deze aanvraag kan niet mee in de verdeling.",
                               {{field, "not-in-review", why}});
}

// The candidates in assessment order, checked against the stored applications.
Result<std::vector<Candidate>> Candidates(storage::Connection& c, const std::string& gemeente,
                                          const Scheme& scheme,
                                          const std::vector<Assessment>& assessments) {
  std::vector<Candidate> out;
  std::set<std::string> seen;
  for (size_t i = 0; i < assessments.size(); ++i) {
    const Assessment& as = assessments[i];
    if (!seen.insert(as.application_id).second) return NotInReview(i, "staat er twee keer in");
    Result<Application> a = FindApplication(c, gemeente, as.application_id);
    if (!a.ok() || a->scheme_id != scheme.id || a->facts.state != State::kInBehandeling) {
      return NotInReview(i, "is geen aanvraag in behandeling voor deze regeling");
    }
    if (as.approved > a->facts.requested) {
      return NotInReview(i, "het goedgekeurde bedrag is hoger dan het gevraagde");
    }
    out.push_back({as.approved, as.points, a->receipt_ms.value_or(0), a->sequence});
  }
  return out;
}

}  // namespace

Result<AllocationResult> Allocate(storage::Connection& c, const Clock& clock,
                                  const std::string& gemeente, const std::string& scheme_id,
                                  const std::vector<Assessment>& assessments, const std::string& by,
                                  const std::string& api_url) {
  Result<Scheme> scheme = FindScheme(c, gemeente, scheme_id);
  if (!scheme.ok()) return scheme.status();
  if (scheme->allocation == Allocation::kOrderOfReceipt) {
    return Status(Code::kConflict,
                  "Deze regeling beslist in volgorde van ontvangst, niet per verdeling.");
  }
  if (!scheme->closing_day || DaysSinceEpoch(clock.Now()) <= *scheme->closing_day) {
    return Status(Code::kConflict, "De verdeling kan pas na de sluitingsdatum.");
  }
  Result<std::vector<Candidate>> candidates = Candidates(c, gemeente, *scheme, assessments);
  if (!candidates.ok()) return candidates.status();

  // What earlier allocations booked is no longer available to this one.
  CeilingRules rules = scheme->ceiling;
  if (rules.ceiling) rules.ceiling = *rules.ceiling - scheme->booked;
  std::vector<int64_t> shares = scheme->allocation == Allocation::kRanking
                                    ? AllocateByRanking(rules, *candidates)
                                    : AllocateProRata(rules, *candidates);

  AllocationResult result;
  for (size_t i = 0; i < assessments.size(); ++i) {
    StepRequest step;
    step.by = by;
    step.api_url = api_url;
    step.allocated = true;
    if (scheme->allocation == Allocation::kRanking) step.points = assessments[i].points;
    step.step.action = shares[i] > 0 ? Action::kVerlenen : Action::kWeigeren;
    step.step.amount = shares[i];
    if (shares[i] == 0) step.step.reason = "Het subsidieplafond laat geen bedrag meer toe.";
    Result<StepOutcome> done = TakeStep(c, clock, gemeente, assessments[i].application_id, step);
    if (!done.ok()) return done.status();
    result.outcomes.push_back(std::move(done).value());
  }
  return result;
}

}  // namespace vc::subsidies
