// The AVG (GDPR) routes: a person's full record (inzage), erasure of a resident's data from a
// help request, the retention job on demand, and the processing log.
#pragma once

#include "http/context.h"
#include "vc/http/server.h"

namespace vc::registration {

void AddPrivacyRoutes(Context& ctx, http::Server& server);

}  // namespace vc::registration
