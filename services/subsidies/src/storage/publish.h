// The notifications the subsidy service publishes, appended to the outbox inside the write
// that makes the change (libs/notifications/outbox.h), so that a change is published exactly
// when it is committed.
//
// Channel "regelingen": a scheme's create, and an update whenever a step changes its booked
// total (a grant books, a settlement below the grant gives the difference back); its terms
// are not changed or removed over the API.
// Channel "aanvragen": an application's create, and an update for every step of its life
// (resource "aanvraag", hoofdObject = resourceUrl = the application's url).
//
// Kenmerken are the coarse ids and names that a reporting or follow-up service routes on,
// never personal data; amounts and texts stay behind the url. regelingen: gemeente, soort,
// verdeling, and on an update stap (the action of the step that booked) and aanvraag (its id).
// aanvragen: gemeente, regeling (id), soort (of the scheme), organisatie (id), status (after
// the change), and on a step's update stap (its action).
#pragma once

#include <string>
#include <vector>

#include "domain/records.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

// The channels, in the order of the documentation.
const std::vector<std::string>& Channels();

// api_url is the start of every published url: the public url (or the request's) and the
// prefix, e.g. "https://api.gemeente.nl/subsidies/api/v1".
Status PublishScheme(storage::Connection& c, const std::string& api_url, const Scheme& scheme);
Status PublishApplication(storage::Connection& c, const std::string& api_url,
                          const Application& application, SchemeKind kind);
// The update of a scheme whose booked total the step changed; aanmaakdatum is the time of
// the step. The new total is not in it: a consumer reads geboekt and resterendPlafond at the
// url.
Status PublishBooking(storage::Connection& c, const std::string& api_url, const Scheme& scheme,
                      const StepRecord& step);
// The update of a step: the application as the step left it, and the step's action as the
// kenmerk "stap"; aanmaakdatum is the time of the step.
Status PublishStep(storage::Connection& c, const std::string& api_url, const Application& after,
                   SchemeKind kind, const StepRecord& step);

}  // namespace vc::subsidies
