// Taking a step in an application's life inside one write: the application and its scheme
// are read, the rules applied, the step recorded, and the change of the application's claim
// on the ceiling (ClaimOnCeiling: a grant books, a settlement below the grant gives the
// difference back) booked and published as a "regelingen" update, all on the same
// connection. Run it as Database work: the single writer serialises these, so two grants never
// see the same remaining ceiling, and a grant after a settlement sees what it gave back.
//
// Limitation: applications settled below their grant before this rule existed keep the
// difference booked; no migration corrects them, since a correction has no step to publish.
#pragma once

#include <optional>
#include <string>

#include "domain/records.h"
#include "vc/core/clock.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

struct StepRequest {
  Step step;                      // step.day is set from the clock
  std::optional<int64_t> points;  // in_behandeling_nemen may score the application
  std::string by;                 // who takes the step
  bool allocated = false;         // verlenen with an amount decided by an allocation
  std::string api_url;            // the start of published urls (storage/publish.h)
};

struct StepOutcome {
  Application application;
  StepRecord record;
};

// Errors: kNotFound for an unknown application (or another gemeente's), kConflict when the
// state or the scheme's allocation does not allow it, kFailedPrecondition for the rules of
// amounts and the ceiling.
Result<StepOutcome> TakeStep(storage::Connection& c, const Clock& clock,
                             const std::string& gemeente, const std::string& application_id,
                             StepRequest request);

}  // namespace vc::subsidies
