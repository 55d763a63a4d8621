// Settings that every service reads from the same environment variables, so that an operator
// configures the store and the notifications of each service alike (README, configuration).
#pragma once

#include <chrono>
#include <string>

#include "vc/config/env.h"
#include "vc/notifications/dispatcher.h"
#include "vc/storage/database.h"

namespace vc::runtime {

// VC_DATABASE (default <data_dir>/<file_name>) and VC_SYNCHRONOUS (FULL or NORMAL).
storage::Options StorageFromEnv(config::Env& env, const std::string& data_dir,
                                const std::string& file_name);

struct NotificationSettings {
  notifications::DispatcherOptions dispatcher;
  std::chrono::milliseconds drain{5000};  // how long shutdown waits for pending deliveries
  std::string subscriptions_json;         // configured subscriptions, a JSON list; empty: none
};

// The VC_NOTIFICATIES_* variables. Forwarding to an external Open Notificaties needs a client
// id and a secret of at least 32 bytes; without them a problem is recorded in env.
NotificationSettings NotificationsFromEnv(config::Env& env);

}  // namespace vc::runtime
