// Helpers for the integration tests of a service that publishes: the environment of one
// configured subscription with quick retries, and counting rows in the service's SQLite file
// (to compare changes and outbox messages after a kill -9).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "vc/storage/database.h"

namespace vc::notifications::testing {

// VC_NOTIFICATIES_ABONNEMENTEN with one subscription of callback url, the Authorization value
// auth and kanalen (a JSON list of {"naam","filters"}), polling every 10 ms, retrying after
// 20 to 200 ms, practically without limit.
std::map<std::string, std::string> SubscribedEnv(const std::string& url, const std::string& auth,
                                                 const std::string& kanalen);

// The first column of the first row of sql, on the file opened read-only (the service must be
// stopped, or the count is of one moment). Fails the test when the file or the SQL is wrong.
int64_t CountIn(const std::string& path, const std::string& sql);
// The same on a read connection of an open store.
int64_t CountIn(storage::Database& db, const std::string& sql);

}  // namespace vc::notifications::testing
