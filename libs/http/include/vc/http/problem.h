// The one place where a Status becomes an RFC 9457 application/problem+json response.
// The client sees the Status message (which must be safe to show) and, for validation
// errors, its FieldProblems as invalidParams; internal errors show a generic text only.
#pragma once

#include <string_view>

#include "vc/core/status.h"
#include "vc/http/message.h"

namespace vc::http {

int HttpStatusOf(Code code);

// instance is the request path. kInternal is logged here with its detail.
Response Problem(const Status& status, std::string_view instance);

}  // namespace vc::http
