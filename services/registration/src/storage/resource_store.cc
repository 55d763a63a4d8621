#include "storage/resource_store.h"

namespace vc::registration {
namespace {

ColumnValue ValueOf(const FieldSpec& f, const rapidjson::Value& doc) {
  auto it = doc.FindMember(f.name.c_str());
  if (it == doc.MemberEnd() || it->value.IsNull()) return std::monostate{};
  if (it->value.IsBool()) return static_cast<int64_t>(it->value.GetBool() ? 1 : 0);
  if (it->value.IsInt64()) return it->value.GetInt64();
  if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
  return std::monostate{};
}

void Bind(storage::Statement& s, int index, const ColumnValue& v) {
  if (auto text = std::get_if<std::string>(&v)) {
    s.Bind(index, *text);
  } else if (auto number = std::get_if<int64_t>(&v)) {
    s.Bind(index, *number);
  } else {
    s.BindNull(index);
  }
}

}  // namespace

ResourceStore::ResourceStore(const ResourceSpec& spec) : spec_(spec) {
  for (const FieldSpec& f : spec.fields) {
    if (!f.column.empty()) columns_.push_back(&f);
  }

  const std::string& t = spec.collection;
  std::string names, marks, sets;
  for (const FieldSpec* f : columns_) {
    names += ", " + f->column;
    marks += ", ?";
    sets += ", " + f->column + " = ?";
  }
  find_sql_ = "SELECT body FROM " + t + " WHERE id = ?1 AND gemeente = ?2";
  find_any_sql_ = "SELECT body FROM " + t + " WHERE id = ?1";
  insert_sql_ = "INSERT INTO " + t + " (id, gemeente, body, aangemaakt_op, gewijzigd_op" + names +
                ") VALUES (?, ?, ?, ?, ?" + marks + ")";
  update_sql_ =
      "UPDATE " + t + " SET body = ?, gewijzigd_op = ?" + sets + " WHERE id = ? AND gemeente = ?";
  delete_sql_ = "DELETE FROM " + t + " WHERE id = ?1 AND gemeente = ?2";
}

std::vector<std::string> ResourceStore::ColumnNames() const {
  std::vector<std::string> names;
  for (const FieldSpec* f : columns_) names.push_back(f->column);
  return names;
}

Result<std::string> ResourceStore::Find(storage::Connection& c, const std::string& gemeente,
                                        const std::string& id) const {
  Result<storage::Statement*> s = c.Prepare(gemeente.empty() ? find_any_sql_ : find_sql_);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, id);
  if (!gemeente.empty()) (*s)->Bind(2, gemeente);

  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Deze " + spec_.singular + " bestaat niet.");
  return std::string((*s)->Text(0));
}

Result<Page> ResourceStore::List(storage::Connection& c, const ListQuery& q) const {
  std::string where = " WHERE 1 = 1";
  if (!q.gemeente.empty()) where += " AND gemeente = ?";
  for (const auto& filter : q.filters) where += " AND " + filter.first + " = ?";
  if (q.skill) {
    where += " AND EXISTS (SELECT 1 FROM json_each(body, '$.vaardigheden') WHERE value = ?)";
  }
  auto bind_all = [&](storage::Statement& s) {
    int i = 1;
    if (!q.gemeente.empty()) s.Bind(i++, q.gemeente);
    for (const auto& filter : q.filters) Bind(s, i++, filter.second);
    if (q.skill) s.Bind(i++, *q.skill);
    return i;
  };

  Page page;
  Result<storage::Statement*> count = c.Prepare("SELECT COUNT(*) FROM " + spec_.collection + where);
  if (!count.ok()) return count.status();
  bind_all(**count);
  Result<bool> counted = (*count)->Step();
  if (!counted.ok()) return counted.status();
  page.count = (*count)->Int(0);

  const int64_t offset = (q.page - 1) * q.page_size;
  if (q.page > 1 && offset >= page.count) return Status::NotFound("Deze pagina bestaat niet.");

  Result<storage::Statement*> rows = c.Prepare("SELECT id, body FROM " + spec_.collection + where +
                                               " ORDER BY aangemaakt_op, id LIMIT ? OFFSET ?");
  if (!rows.ok()) return rows.status();
  int next = bind_all(**rows);
  (*rows)->Bind(next, q.page_size).Bind(next + 1, offset);
  for (;;) {
    Result<bool> row = (*rows)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    page.rows.push_back({std::string((*rows)->Text(0)), std::string((*rows)->Text(1))});
  }
  return page;
}

void ResourceStore::BindColumns(storage::Statement& s, int first,
                                const rapidjson::Value& doc) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    Bind(s, first + static_cast<int>(i), ValueOf(*columns_[i], doc));
  }
}

Status ResourceStore::Insert(storage::Connection& c, const StoredRecord& r,
                             const rapidjson::Value& doc) const {
  Result<storage::Statement*> s = c.Prepare(insert_sql_);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, r.id).Bind(2, r.gemeente).Bind(3, r.body).Bind(4, r.created).Bind(5, r.modified);
  BindColumns(**s, 6, doc);

  Status done = (*s)->Run();
  if (done.code() == Code::kConflict) {
    return Status(Code::kConflict,
                  "Er bestaat al een " + spec_.singular + " met deze gegevens in deze gemeente.");
  }
  return done;
}

Status ResourceStore::Update(storage::Connection& c, const StoredRecord& r,
                             const rapidjson::Value& doc) const {
  Result<storage::Statement*> s = c.Prepare(update_sql_);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, r.body).Bind(2, r.modified);
  const int next = 3 + static_cast<int>(columns_.size());
  BindColumns(**s, 3, doc);
  (*s)->Bind(next, r.id).Bind(next + 1, r.gemeente);

  Status done = (*s)->Run();
  if (done.code() == Code::kConflict) {
    return Status(Code::kConflict,
                  "Er bestaat al een " + spec_.singular + " met deze gegevens in deze gemeente.");
  }
  if (!done.ok()) return done;
  if (c.Changes() == 0) return Status::NotFound("Deze " + spec_.singular + " bestaat niet.");
  return Status::Ok();
}

Status ResourceStore::Remove(storage::Connection& c, const std::string& gemeente,
                             const std::string& id) const {
  Result<storage::Statement*> s = c.Prepare(delete_sql_);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, id).Bind(2, gemeente);

  Status done = (*s)->Run();
  if (done.code() == Code::kConflict) {
    return Status(Code::kConflict,
                  "Deze " + spec_.singular + " kan niet weg: er verwijzen nog gegevens naar.");
  }
  if (!done.ok()) return done;
  if (c.Changes() == 0) return Status::NotFound("Deze " + spec_.singular + " bestaat niet.");
  return Status::Ok();
}

Status ResourceStore::CheckReferences(storage::Connection& c, const std::string& gemeente,
                                      const rapidjson::Value& doc) const {
  std::vector<FieldProblem> problems;
  for (const FieldSpec& f : spec_.fields) {
    if (f.type != FieldType::kReference) continue;
    auto it = doc.FindMember(f.name.c_str());
    if (it == doc.MemberEnd() || !it->value.IsString()) continue;

    Result<storage::Statement*> s =
        c.Prepare("SELECT 1 FROM " + f.references + " WHERE id = ?1 AND gemeente = ?2");
    if (!s.ok()) return s.status();
    (*s)->Bind(1, std::string_view(it->value.GetString())).Bind(2, gemeente);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      problems.push_back({f.name, "unknown-reference",
                          "verwijst naar een onbekende " + f.name + " in deze gemeente"});
    }
  }
  if (problems.empty()) return Status::Ok();
  return Status::Unprocessable("De invoer verwijst naar iets dat niet bestaat.",
                               std::move(problems));
}

Result<ColumnValue> FilterValue(const FieldSpec& field, const std::string& text) {
  auto invalid = [&](const char* reason) {
    return Status::InvalidField(field.name, "invalid-filter", reason);
  };
  if (field.type == FieldType::kBool) {
    if (text == "true") return ColumnValue(int64_t{1});
    if (text == "false") return ColumnValue(int64_t{0});
    return invalid("moet true of false zijn");
  }
  if (field.normalize) {
    std::optional<std::string> normal = field.normalize(text);
    if (!normal) return invalid(field.format_reason ? field.format_reason : "is ongeldig");
    return ColumnValue(*normal);
  }
  if (field.allowed) {
    for (const std::string& a : *field.allowed) {
      if (a == text) return ColumnValue(text);
    }
    return invalid("is geen toegestane waarde");
  }
  if (text.empty() || text.size() > field.max_length) return invalid("heeft een ongeldige lengte");
  return ColumnValue(text);
}

}  // namespace vc::registration
