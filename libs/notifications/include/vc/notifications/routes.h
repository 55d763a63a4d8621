// The REST side of a producing service's notifications, under the service's own prefix and
// the scope notificaties.beheer: subscriptions (/abonnementen: create, list, read, delete) and
// the dead letters (/mislukte-afleveringen: list, and /{id}/herhaling to send one again).
//
// A token with a gemeente claim manages only subscriptions whose every channel is filtered on
// its own gemeente: on create the filter gemeente is set to the claim, and subscriptions of
// other gemeenten do not exist for it. A token without one (the platform) sees them all, and
// only it sees dead letters, which mix every gemeente's messages.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "vc/core/clock.h"
#include "vc/http/server.h"
#include "vc/notifications/dispatcher.h"
#include "vc/storage/database.h"

namespace vc::notifications {

inline constexpr const char* kScopeNotifications = "notificaties.beheer";

struct SubscriptionApi {
  std::string prefix;                 // the service's, e.g. "/subsidies/api/v1"
  std::vector<std::string> channels;  // the channels a subscription may name
  // How long the test delivery to a new subscription's callback may take.
  std::chrono::milliseconds verify_timeout{5000};
};

// Adds the routes. db (with the outbox schema), dispatcher and clock must outlive the server.
void AddSubscriptionRoutes(storage::Database& db, Dispatcher& dispatcher, const Clock& clock,
                           SubscriptionApi api, http::Server& server);

}  // namespace vc::notifications
