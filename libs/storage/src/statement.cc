#include "vc/storage/statement.h"

#include <string>

#include "vc/storage/connection.h"

namespace vc::storage {

Statement::~Statement() {
  // sqlite3_finalize repeats the last step's error, which Step already reported.
  sqlite3_finalize(stmt_);
}

void Statement::PrepareForBind() {
  if (!stepped_) return;

  // The reset's return code repeats the last step's error, which Step already reported.
  sqlite3_reset(stmt_);
  stepped_ = false;
  bind_error_ = Status::Ok();
}

void Statement::Remember(int rc, int index) {
  if (rc == SQLITE_OK || !bind_error_.ok()) return;
  bind_error_ = SqliteStatus(db_, rc, "bind parameter " + std::to_string(index));
}

Statement& Statement::Bind(int index, std::string_view text) {
  PrepareForBind();

  // A null data pointer would bind NULL; an empty text must stay ''.
  const char* data = text.data() != nullptr ? text.data() : "";
  Remember(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
           index);
  return *this;
}

Statement& Statement::BindBorrowed(int index, std::string_view text) {
  PrepareForBind();
  const char* data = text.data() != nullptr ? text.data() : "";
  Remember(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::Bind(int index, int64_t value) {
  PrepareForBind();
  Remember(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  PrepareForBind();
  Remember(sqlite3_bind_double(stmt_, index, value), index);
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::string>& text) {
  return text ? Bind(index, std::string_view(*text)) : BindNull(index);
}

Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

Statement& Statement::BindNull(int index) {
  PrepareForBind();
  Remember(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Result<bool> Statement::Step() {
  if (!bind_error_.ok()) return bind_error_;

  stepped_ = true;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(db_, rc, std::string("step '") + sqlite3_sql(stmt_) + "'");
}

Status Statement::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

bool Statement::HasColumn(int column) const {
  // sqlite3_data_count is 0 without a current row, so this also guards reads after DONE.
  return column >= 0 && column < sqlite3_data_count(stmt_);
}

bool Statement::IsNull(int column) const {
  return !HasColumn(column) || sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string_view Statement::Text(int column) const {
  if (!HasColumn(column)) return {};

  // The text pointer must be fetched before the byte count (SQLite may convert in between).
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (text == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

int64_t Statement::Int(int column) const {
  return HasColumn(column) ? sqlite3_column_int64(stmt_, column) : 0;
}

double Statement::Double(int column) const {
  return HasColumn(column) ? sqlite3_column_double(stmt_, column) : 0.0;
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return std::string(Text(column));
}

std::optional<int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

void Statement::Reset() {
  // A statement that did not run since its last reset has only its bindings to clear.
  if (!stepped_ && bind_error_.ok()) {
    sqlite3_clear_bindings(stmt_);
    return;
  }

  // Both calls only report the last step's error again (reset) or cannot fail (clear).
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  stepped_ = false;
  bind_error_ = Status::Ok();
}

}  // namespace vc::storage
