// Demo data for a first look: one gemeente with districts, organisations, a support point,
// volunteers, vacancies and help requests. Loaded only into an empty store.
#pragma once

#include "http/context.h"

namespace vc::registration {

// Ok without changes when any gemeente exists already.
Status LoadDemoData(Context& ctx);

}  // namespace vc::registration
