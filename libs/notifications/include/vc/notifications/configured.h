// Subscriptions that come from a deployment's configuration (VC_NOTIFICATIES_ABONNEMENTEN)
// rather than over REST; they cannot be deleted over REST.
#pragma once

#include <string>
#include <vector>

#include "vc/core/clock.h"
#include "vc/storage/database.h"

namespace vc::notifications {

// Makes the stored configured subscriptions exactly those of json (a JSON list in the
// Abonnement shape; empty: none), so that the ones of the last start that are gone are
// removed. kInvalidArgument starting with the variable's name for a malformed list or a
// channel outside channels.
Status ApplyConfiguredSubscriptions(storage::Database& db, const std::string& json,
                                    const std::vector<std::string>& channels, const Clock& clock);

}  // namespace vc::notifications
