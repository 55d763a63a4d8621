#include "storage/create.h"

#include "storage/publish.h"
#include "storage/stores.h"
#include "vc/core/uuid.h"

namespace vc::subsidies {
namespace {

// An application names a scheme of its own gemeente; anything else is a reference to nothing.
// One received on paper must have arrived before the scheme closed.
Result<Scheme> SchemeOf(storage::Connection& c, const Application& a) {
  Result<Scheme> scheme = FindScheme(c, a.gemeente, a.scheme_id);
  if (scheme.status().code() == Code::kNotFound) {
    return Status::Unprocessable("Deze regeling bestaat niet.",
                                 {{"regeling", "unknown", "is geen regeling van deze gemeente"}});
  }
  if (!scheme.ok()) return scheme.status();
  const int64_t kDayMs = 86400000;
  if (a.receipt_ms && scheme->closing_day && *a.receipt_ms / kDayMs > *scheme->closing_day) {
    return Status::Unprocessable("De aanvraag kwam na de sluitingsdatum binnen.",
                                 {{"ontvangenOp", "closed", "ligt na de sluitingsdatum"}});
  }
  return scheme;
}

}  // namespace

Status CreateScheme(storage::Connection& c, const Scheme& scheme, const std::string& api_url) {
  VC_RETURN_IF_ERROR(InsertScheme(c, scheme));
  return PublishScheme(c, api_url, scheme);
}

Status CreateApplication(storage::Connection& c, Application& a, bool on_paper,
                         const std::string& api_url) {
  Result<Scheme> scheme = SchemeOf(c, a);
  if (!scheme.ok()) return scheme.status();
  VC_RETURN_IF_ERROR(InsertApplication(c, a, *scheme));
  VC_RETURN_IF_ERROR(PublishApplication(c, api_url, a, scheme->kind));
  if (!on_paper) return Status::Ok();
  StepRecord step{NewUuid(),
                  a.id,
                  a.gemeente,
                  Action::kIndienen,
                  State::kConcept,
                  State::kIngediend,
                  0,
                  "ingevoerd door " + a.entered_by + " (" + a.channel + ")",
                  std::nullopt,
                  a.entered_by,
                  a.entered_at};
  return RecordStep(c, step, a, scheme->kind, api_url);
}

}  // namespace vc::subsidies
