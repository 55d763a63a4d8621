#include "storage/deadlines.h"

namespace vc::subsidies {

DeadlineQuery DeadlineQueryFor(bool overdue_only) {
  // "termijn_dag IS NOT NULL" lets SQLite take the partial index; the overdue bound is a range
  // on it, and its order is the page's order, so a page reads only its own rows.
  std::string where = " FROM aanvragen WHERE gemeente = ?1 AND termijn_dag IS NOT NULL" +
                      std::string(overdue_only ? " AND termijn_dag < ?2" : "");
  DeadlineQuery q;
  q.count_sql = "SELECT COUNT(*)" + where;
  q.page_sql = "SELECT id, regeling_id, termijn_soort, termijn_dag" + where +
               " ORDER BY termijn_dag, volgnummer LIMIT ?3 OFFSET ?4";
  return q;
}

Result<Listed<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                     bool overdue_only, int today, const Slice& slice) {
  const DeadlineQuery q = DeadlineQueryFor(overdue_only);
  Listed<Deadline> out;
  {
    Result<storage::Statement*> s = c.Prepare(q.count_sql);
    if (!s.ok()) return s.status();
    (*s)->Bind(1, gemeente);
    if (overdue_only) (*s)->Bind(2, today);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    out.count = (*s)->Int(0);
  }

  Result<storage::Statement*> s = c.Prepare(q.page_sql);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(3, slice.limit).Bind(4, slice.offset);
  if (overdue_only) (*s)->Bind(2, today);
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.items.push_back({std::string((*s)->Text(0)), std::string((*s)->Text(1)),
                         std::string((*s)->Text(2)), static_cast<int>((*s)->Int(3))});
  }
}

}  // namespace vc::subsidies
