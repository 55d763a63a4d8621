// Generic SQLite access for every resource, driven by its ResourceSpec: the table is named
// after the collection, and fields with a `column` are kept in that column too. Every query is
// scoped to a gemeente. Reads take any connection; writes take the writer connection inside a
// Database work, so that they commit with the rest of the request's changes.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/resource_spec.h"
#include "vc/core/result.h"
#include "vc/storage/connection.h"

namespace vc::registration {

using ColumnValue = std::variant<std::monostate, std::string, int64_t>;

struct StoredRecord {
  std::string id;
  std::string gemeente;
  std::string created;   // RFC 3339
  std::string modified;  // RFC 3339
  std::string body;      // the JSON document
};

struct ListQuery {
  std::string gemeente;  // empty: every gemeente (platform administration only)
  std::vector<std::pair<std::string, ColumnValue>> filters;  // column = value
  std::optional<std::string> skill;  // one of the document's "vaardigheden"
  int64_t page = 1;
  int64_t page_size = 20;
};

struct Row {
  std::string id;
  std::string body;
};

struct Page {
  int64_t count = 0;
  std::vector<Row> rows;
};

class ResourceStore {
 public:
  explicit ResourceStore(const ResourceSpec& spec);

  const ResourceSpec& spec() const { return spec_; }

  // The stored document; kNotFound when absent or of another gemeente (gemeente empty: any).
  Result<std::string> Find(storage::Connection& c, const std::string& gemeente,
                           const std::string& id) const;
  // Oldest first; kNotFound for a page past the end (page 1 may be empty).
  Result<Page> List(storage::Connection& c, const ListQuery& query) const;

  // kConflict when a unique column already holds the value.
  Status Insert(storage::Connection& c, const StoredRecord& record,
                const rapidjson::Value& doc) const;
  // kNotFound when the row does not exist in this gemeente.
  Status Update(storage::Connection& c, const StoredRecord& record,
                const rapidjson::Value& doc) const;
  // kNotFound when absent; kConflict while other rows still refer to it.
  Status Remove(storage::Connection& c, const std::string& gemeente, const std::string& id) const;

  // Every reference field of doc must name an existing row of the same gemeente.
  Status CheckReferences(storage::Connection& c, const std::string& gemeente,
                         const rapidjson::Value& doc) const;

  // The SQL column names, for the schema check in the tests.
  std::vector<std::string> ColumnNames() const;

 private:
  void BindColumns(storage::Statement& s, int first, const rapidjson::Value& doc) const;

  const ResourceSpec& spec_;
  std::vector<const FieldSpec*> columns_;
  std::string find_sql_;
  std::string find_any_sql_;
  std::string insert_sql_;
  std::string update_sql_;
  std::string delete_sql_;
};

// A query parameter value for a column filter: normalised as the field would be on input.
// nullopt (with a problem in status) when the value is invalid for the field.
Result<ColumnValue> FilterValue(const FieldSpec& field, const std::string& text);

}  // namespace vc::registration
