// Schema migrations: numbered SQL scripts applied in order, each in its own transaction, with
// the reached version kept in PRAGMA user_version. Applying is idempotent.
#pragma once

#include <string>
#include <vector>

#include "vc/core/status.h"
#include "vc/storage/connection.h"

namespace vc::storage {

struct Migration {
  int version;      // 1, 2, 3, ... without gaps
  std::string sql;  // one or more statements
};

// Applies every migration above the database's current version. A database whose version is
// newer than the newest migration is refused (kFailedPrecondition): an older binary must not
// write to a newer schema.
Status Migrate(Connection& connection, const std::vector<Migration>& migrations);

}  // namespace vc::storage
