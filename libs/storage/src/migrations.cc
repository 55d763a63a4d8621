#include "vc/storage/migrations.h"

#include <string>

#include "vc/storage/database.h"

namespace vc::storage {
namespace {

Status CheckNumbering(const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    int expected = static_cast<int>(i) + 1;
    if (migrations[i].version != expected) {
      return Status(Code::kInvalidArgument, "migrations[" + std::to_string(i) + "].version is " +
                                                std::to_string(migrations[i].version) +
                                                ", expected " + std::to_string(expected));
    }
  }
  return Status::Ok();
}

Result<int64_t> UserVersion(Connection& connection) {
  Result<Statement*> pragma = connection.Prepare("PRAGMA user_version");
  if (!pragma.ok()) return pragma.status();

  Result<bool> row = (*pragma)->Step();
  if (!row.ok()) return row.status();
  int64_t version = *row ? (*pragma)->Int(0) : 0;
  (*pragma)->Reset();
  return version;
}

// Applies one migration unless another process applied it since we looked: the version is
// read again inside the write transaction, which excludes other writers.
Status ApplyOnce(Connection& connection, const Migration& migration) {
  Result<int64_t> version = UserVersion(connection);
  if (!version.ok()) return version.status();
  if (*version >= migration.version) return Status::Ok();

  VC_RETURN_IF_ERROR(connection.Exec(migration.sql));
  return connection.Exec("PRAGMA user_version = " + std::to_string(migration.version));
}

}  // namespace

Status Migrate(Connection& connection, const std::vector<Migration>& migrations) {
  VC_RETURN_IF_ERROR(CheckNumbering(migrations));

  Result<int64_t> version = UserVersion(connection);
  if (!version.ok()) return version.status();
  int64_t newest = static_cast<int64_t>(migrations.size());
  if (*version > newest || *version < 0) {
    return Status(Code::kFailedPrecondition, "database schema version " + std::to_string(*version) +
                                                 " is unknown to this program, whose newest is " +
                                                 std::to_string(newest));
  }

  // All pending migrations share one transaction: one sync at first start instead of one per
  // migration, and a failed migration leaves the schema as it was before any of them.
  return InTransaction(connection, [&]() -> Status {
    for (const Migration& migration : migrations) {
      if (migration.version <= *version) continue;
      Status applied = ApplyOnce(connection, migration);
      if (!applied.ok()) {
        return Status(applied.code(),
                      "migration " + std::to_string(migration.version) + ": " + applied.message());
      }
    }
    return Status::Ok();
  });
}

}  // namespace vc::storage
