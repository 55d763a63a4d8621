#include "producer_testing.h"

#include <sqlite3.h>

#include <catch2/catch.hpp>

namespace vc::notifications::testing {

std::map<std::string, std::string> SubscribedEnv(const std::string& url, const std::string& auth,
                                                 const std::string& kanalen) {
  return {{"VC_NOTIFICATIES_ABONNEMENTEN", R"([{"callbackUrl":")" + url + R"(","auth":")" + auth +
                                               R"(","kanalen":)" + kanalen + "}]"},
          {"VC_NOTIFICATIES_POLL_MS", "10"},
          {"VC_NOTIFICATIES_BACKOFF_MS", "20"},
          {"VC_NOTIFICATIES_BACKOFF_MAX_MS", "200"},
          {"VC_NOTIFICATIES_POGINGEN", "1000"}};
}

int64_t CountIn(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  const bool prepared = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK;
  const bool row = prepared && sqlite3_step(st) == SQLITE_ROW;
  const int64_t n = row ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  INFO(sql);
  REQUIRE(row);
  return n;
}

int64_t CountIn(storage::Database& db, const std::string& sql) {
  storage::ReadLease lease = db.Read();
  Result<storage::Statement*> st = lease->Prepare(sql);
  INFO(sql);
  REQUIRE(st.ok());
  Result<bool> row = (*st)->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  const int64_t n = (*st)->Int(0);
  (*st)->Reset();
  return n;
}

}  // namespace vc::notifications::testing
