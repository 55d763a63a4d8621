// Dividing a ceiling after the closing date (ranking by points, or pro rata) in one write:
// every assessed application is granted its share or refused, each as a recorded step, and
// the total is booked against the ceiling.
#pragma once

#include <string>
#include <vector>

#include "storage/transitions.h"

namespace vc::subsidies {

struct Assessment {
  std::string application_id;
  int64_t approved = 0;  // cents, at most the amount asked
  int64_t points = 0;    // ranking only
};

struct AllocationResult {
  std::vector<StepOutcome> outcomes;  // parallel to the assessments
};

// Errors: kNotFound for an unknown scheme; kConflict for an order-of-receipt scheme or before
// the closing date has passed; kFailedPrecondition naming "beoordelingen[i].aanvraag" for an
// application that is not in review in this scheme, or listed twice. by is who divides;
// api_url the start of the published urls of the steps.
Result<AllocationResult> Allocate(storage::Connection& c, const Clock& clock,
                                  const std::string& gemeente, const std::string& scheme_id,
                                  const std::vector<Assessment>& assessments, const std::string& by,
                                  const std::string& api_url);

}  // namespace vc::subsidies
