#include "storage/documents.h"

namespace vc::subsidies {

Status InsertDocument(storage::Connection& c, const StoredDocument& d) {
  Result<storage::Statement*> s = c.Prepare(
      "INSERT INTO documenten (id, gemeente, soort, ouder_id, inhoud, aangemaakt_op) "
      "VALUES (?,?,?,?,?,?)");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, d.id).Bind(2, d.gemeente).Bind(3, d.kind).Bind(4, d.parent);
  (*s)->Bind(5, d.json).Bind(6, d.created_at);
  return (*s)->Run();
}

Result<std::string> FindDocument(storage::Connection& c, const std::string& gemeente,
                                 const std::string& kind, const std::string& id) {
  Result<storage::Statement*> s =
      c.Prepare("SELECT inhoud FROM documenten WHERE gemeente = ? AND soort = ? AND id = ?");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, kind).Bind(3, id);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Dit document bestaat niet.");
  return std::string((*s)->Text(0));
}

Result<Listed<StoredDocument>> ListDocuments(storage::Connection& c, const std::string& gemeente,
                                             const std::string& kind, const std::string& parent,
                                             const Slice& slice) {
  Listed<StoredDocument> out;
  Result<storage::Statement*> count = c.Prepare(
      "SELECT COUNT(*) FROM documenten WHERE gemeente = ? AND soort = ? AND ouder_id = ?");
  if (!count.ok()) return count.status();
  (*count)->Bind(1, gemeente).Bind(2, kind).Bind(3, parent);
  Result<bool> counted = (*count)->Step();
  if (!counted.ok()) return counted.status();
  out.count = (*count)->Int(0);

  Result<storage::Statement*> s = c.Prepare(
      "SELECT id, inhoud, aangemaakt_op FROM documenten WHERE gemeente = ? AND soort = ? "
      "AND ouder_id = ? ORDER BY aangemaakt_op, id LIMIT ? OFFSET ?");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, kind).Bind(3, parent).Bind(4, slice.limit);
  (*s)->Bind(5, slice.offset);
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.items.push_back({std::string((*s)->Text(0)), gemeente, kind, parent,
                         std::string((*s)->Text(1)), std::string((*s)->Text(2))});
  }
}

}  // namespace vc::subsidies
