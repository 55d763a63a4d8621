// Retention: personal data of people inactive longer than the gemeente's period is erased.
#pragma once

#include <rapidjson/document.h>

#include "domain/resource_spec.h"
#include "vc/core/clock.h"

namespace vc::registration {

// now minus the given number of calendar months (UTC calendar; the day is clamped to the
// length of the target month, so 31 March minus one month is 28 or 29 February).
TimePoint RetentionCutoff(TimePoint now, int months);

// Removes every personal top-level field of a stored document and marks it "geanonimiseerd",
// keeping what is not about the person (wijk, kanaal, status, dates) for the statistics.
void Anonymise(const ResourceSpec& spec, rapidjson::Document& stored);

}  // namespace vc::registration
