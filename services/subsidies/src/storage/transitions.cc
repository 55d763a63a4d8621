#include "storage/transitions.h"

#include "storage/publish.h"
#include "storage/stores.h"
#include "vc/core/uuid.h"

namespace vc::subsidies {
namespace {

int64_t MillisOf(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// What earlier-received applications of the scheme, not yet decided, may still claim: in an
// order-of-receipt scheme a later one may only take what is left after them.
Result<int64_t> ReservedAhead(storage::Connection& c, const Scheme& scheme, const Application& a) {
  Result<storage::Statement*> s = c.Prepare(
      "SELECT COALESCE(SUM(MIN(aangevraagd, COALESCE(?1, aangevraagd))), 0) FROM aanvragen "
      "WHERE regeling_id = ?2 AND status IN ('ingediend', 'in_behandeling') AND id <> ?3 "
      "AND (ontvangen_ms < ?4 OR (ontvangen_ms = ?4 AND volgnummer < ?5))");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, scheme.ceiling.max_per_application).Bind(2, scheme.id).Bind(3, a.id);
  (*s)->Bind(4, a.receipt_ms.value_or(0)).Bind(5, a.sequence);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  return (*s)->Int(0);
}

Status PrepareGrant(storage::Connection& c, const Scheme& scheme, const Application& a,
                    Step& step) {
  if (scheme.allocation != Allocation::kOrderOfReceipt) {
    return Status(Code::kConflict,
                  "Deze regeling verdeelt na de sluitingsdatum; verleen via de verdeling van de "
                  "regeling.");
  }
  if (!scheme.ceiling.ceiling) {
    Result<int64_t> amount = DecideGrant(scheme.ceiling, step.amount, 0);
    if (!amount.ok()) return amount.status();
    step.amount = *amount;
    return Status::Ok();
  }
  Result<int64_t> reserved = ReservedAhead(c, scheme, a);
  if (!reserved.ok()) return reserved.status();
  Result<int64_t> amount = DecideGrant(scheme.ceiling, step.amount, scheme.booked + *reserved);
  if (!amount.ok()) return amount.status();
  step.amount = *amount;
  return Status::Ok();
}

}  // namespace

Result<StepOutcome> TakeStep(storage::Connection& c, const Clock& clock,
                             const std::string& gemeente, const std::string& application_id,
                             StepRequest request) {
  Result<Application> found = FindApplication(c, gemeente, application_id);
  if (!found.ok()) return found.status();
  Application a = std::move(found).value();
  Result<Scheme> scheme = FindScheme(c, gemeente, a.scheme_id);
  if (!scheme.ok()) return scheme.status();

  const TimePoint now = clock.Now();
  Step& step = request.step;
  step.day = DaysSinceEpoch(now);
  if (step.action == Action::kIndienen && scheme->closing_day && step.day > *scheme->closing_day) {
    return Status::Unprocessable("De aanvraagperiode van deze regeling is gesloten.",
                                 {{"actie", "closed", "de sluitingsdatum is voorbij"}});
  }
  if (step.action == Action::kVerlenen && step.amount > 0 && !request.allocated &&
      a.facts.state == State::kInBehandeling) {
    VC_RETURN_IF_ERROR(PrepareGrant(c, *scheme, a, step));
  }
  Result<ApplicationFacts> next = Apply(a.facts, step, scheme->tiers);
  if (!next.ok()) return next.status();

  StepRecord record{NewUuid(),         a.id,        gemeente,          step.action,
                    a.facts.state,     next->state, step.amount,       step.reason,
                    step.lower_reason, request.by,  FormatRfc3339(now)};
  const ApplicationFacts before = a.facts;
  a.facts = *next;
  a.updated_at = record.at;
  if (step.action == Action::kIndienen && !a.receipt_ms) a.receipt_ms = MillisOf(now);
  if (request.points && (step.action == Action::kInBehandelingNemen || request.allocated)) {
    a.points = request.points;
  }
  if (step.action == Action::kVerantwoorden) a.accounted_day = step.day;
  if (step.action == Action::kWeigeren) a.refusal_reason = step.reason;
  if (step.action == Action::kVaststellen && step.amount < a.facts.granted) {
    a.lower_reason = step.lower_reason;
    a.settlement_note = step.reason;
  }
  const int64_t booking = ClaimOnCeiling(a.facts) - ClaimOnCeiling(before);

  VC_RETURN_IF_ERROR(SaveApplication(c, a, *scheme));
  VC_RETURN_IF_ERROR(RecordStep(c, record, a, scheme->kind, request.api_url));
  if (booking != 0) {
    VC_RETURN_IF_ERROR(Book(c, a.scheme_id, booking));
    VC_RETURN_IF_ERROR(PublishBooking(c, request.api_url, *scheme, record));
  }
  return StepOutcome{std::move(a), std::move(record)};
}

}  // namespace vc::subsidies
