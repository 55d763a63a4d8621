// What is due next on an application, and when: the decision, the accountability, or the
// settlement. Pure rules over the application and its scheme; storage keeps the result beside
// the application at every step, so the deadline list is read from an index.
#pragma once

#include <optional>
#include <string>

#include "domain/records.h"

namespace vc::subsidies {

struct DueDate {
  std::string kind;  // "beslissing", "verantwoording", "vaststelling"
  int day = 0;       // days since 1970-01-01
};

// Decision: the scheme's decision weeks after receipt, while submitted or in review.
// Accountability: the scheme's date, for a grant whose tier asks a report (none without a date).
// Settlement: the settlement weeks after the accountability came in, or after the period for a
// grant that asks none (ambtshalve vaststelling). Nothing in any other state.
// Depends only on the application and on terms of the scheme that never change after it is
// created, so it is valid until the application's next step.
std::optional<DueDate> DeadlineOf(const Application& application, const Scheme& scheme);

}  // namespace vc::subsidies
