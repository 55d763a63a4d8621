// A prepared SQLite statement with bound parameters. Parameters are 1-based, as in SQLite;
// columns are 0-based. Owned by the Connection that prepared it (cached there); not
// thread-safe, like its connection. Every SQLite return code is checked and turned into a
// Status.
//
// A failed Bind (an index out of range, text too large) does not stop the chain: the first
// bind error is remembered and returned by the next Step or Run, which then do not execute.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vc/core/result.h"

namespace vc::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding resets the statement first when it was stepped, so a cached statement is reusable.
  // Text is copied; an empty text is bound as '' (never as NULL).
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, const std::optional<std::string>& text);
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& BindNull(int index);
  // Like Bind, without the copy: for bulk inserts, where copying every value costs more than
  // the insert's own work. The text must stay alive and unchanged until the Step or Run that
  // follows has returned; Reset (at the end of each use through the connection's cache)
  // drops the reference.
  Statement& BindBorrowed(int index, std::string_view text);

  // Next row: true when a row is available, false when done; an error Status otherwise.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();

  // Column accessors for the current row. A column out of range, or no current row, reads
  // as NULL: IsNull is true, Text is empty, Int and Double are 0.
  bool IsNull(int column) const;
  std::string_view Text(int column) const;  // valid until the next Step/Reset
  int64_t Int(int column) const;
  double Double(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  std::optional<int64_t> OptionalInt(int column) const;

  // Clears bindings and resets; done automatically by the connection's cache.
  void Reset();
  bool stepped() const { return stepped_; }

 private:
  friend class Connection;

  void PrepareForBind();
  void Remember(int rc, int index);
  bool HasColumn(int column) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool stepped_ = false;
  bool prepared_ = false;  // on its connection's list of statements to reset
  Status bind_error_;
};

}  // namespace vc::storage
