// Subscriptions (`abonnementen`): a callback url, the Authorization value to send it, and per
// channel the kenmerken filters, where "*" matches anything. Stored in the outbox schema
// (outbox.h), so that deliveries can refer to them across restarts.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "vc/core/result.h"
#include "vc/notifications/message.h"
#include "vc/storage/connection.h"

namespace vc::notifications {

struct ChannelFilter {
  std::string naam;                            // channel name
  std::map<std::string, std::string> filters;  // kenmerk -> value or "*"
};

struct Subscription {
  std::string id;  // UUIDv4
  std::string callback_url;
  std::string auth;  // sent verbatim as the Authorization header; never returned by the API
  std::vector<ChannelFilter> kanalen;
  std::string bron = "api";  // "api" or "configuratie"
};

// True when some channel of the subscription is the message's channel and each of its
// filters is "*" or equals the message's kenmerk of that name (a missing kenmerk does not
// match a concrete value).
bool Matches(const Subscription& subscription, const Message& message);

// The subscription's channels as JSON ([{"naam":..,"filters":{..}}]).
std::string KanalenJson(const std::vector<ChannelFilter>& kanalen);

// Parses {"callbackUrl","auth","kanalen":[{"naam","filters"}]} (the Abonnement shape).
// kInvalidArgument naming the field for anything missing or malformed; callbackUrl must be an
// http or https url. known_channels, when not empty, limits kanalen[].naam.
Result<Subscription> ParseSubscription(std::string_view json,
                                       const std::vector<std::string>& known_channels = {});

// Parses a JSON array of subscriptions (the configuration variable); paths are "[i].field".
Result<std::vector<Subscription>> ParseSubscriptionList(
    std::string_view json, const std::vector<std::string>& known_channels = {});

// The test delivery Open Notificaties also makes: posts a message on channel "test" to the
// callback with the subscription's Authorization value and wants a 2xx within timeout.
// kInvalidArgument naming callbackUrl otherwise. Blocks the caller up to timeout.
Status VerifyCallback(const Subscription& s, std::chrono::milliseconds timeout);

// Storage, on a connection of a database that holds the outbox schema.
Status InsertSubscription(storage::Connection& c, const Subscription& s, const std::string& now);
Result<std::vector<Subscription>> ListSubscriptions(storage::Connection& c);
Result<Subscription> FindSubscription(storage::Connection& c, const std::string& id);
// Removes the subscription and its pending deliveries; kNotFound when there is none.
Status DeleteSubscription(storage::Connection& c, const std::string& id);
// Makes the configured subscriptions (bron "configuratie") exactly the given list, matched
// by callback url: new ones are added, changed ones updated, absent ones removed.
Status ReplaceConfigured(storage::Connection& c, const std::vector<Subscription>& configured,
                         const std::string& now);

}  // namespace vc::notifications
