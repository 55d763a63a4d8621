// Subscriptions (/abonnementen: create, list, read, delete) and the dead-letter list
// (/mislukte-afleveringen: list, retry), under the scope notificaties.beheer.
//
// A token with a gemeente claim manages only subscriptions whose every channel is filtered on
// its own gemeente: on create the filter gemeente is set to the claim, and subscriptions of
// other gemeenten do not exist for it. A token without one (the platform) sees all.
#pragma once

#include <chrono>

#include "http/context.h"
#include "vc/http/server.h"
#include "vc/notifications/dispatcher.h"

namespace vc::registration {

inline constexpr const char* kScopeNotifications = "notificaties.beheer";

void AddSubscriptionRoutes(Context& ctx, notifications::Dispatcher& dispatcher,
                           std::chrono::milliseconds verify_timeout, http::Server& server);

}  // namespace vc::registration
