// Creating a scheme or an application inside one write: the row, its notification and, for
// an application entered later (paper, desk), the step of its submission. Run as Database
// work (one transaction).
#pragma once

#include <string>

#include "domain/records.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

// api_url is the start of the published urls (storage/publish.h).
Status CreateScheme(storage::Connection& c, const Scheme& scheme, const std::string& api_url);

// Stores the application (setting its sequence). Errors: kFailedPrecondition naming
// "regeling" when the scheme is not one of the application's gemeente, naming "ontvangenOp"
// when one received on paper arrived after the scheme closed. An application on paper is
// stored submitted, and its submission recorded as a step by whoever entered it.
Status CreateApplication(storage::Connection& c, Application& application, bool on_paper,
                         const std::string& api_url);

}  // namespace vc::subsidies
