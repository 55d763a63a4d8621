#include "storage/deadlines.h"

namespace vc::subsidies {

namespace {

// Decision: weeks after receipt. Accountability: the scheme's date, for grants that ask one.
// Settlement: weeks after the accountability, or after the period for grants that ask none
// (ambtshalve vaststelling).
constexpr const char* kOpenDeadlines = R"sql(
FROM (
  SELECT a.id, a.regeling_id, a.volgnummer,
    CASE WHEN a.status IN ('ingediend', 'in_behandeling') THEN 'beslissing'
         WHEN a.status = 'verantwoording_ingediend' THEN 'vaststelling'
         WHEN a.niveau = 'geen_verantwoording' THEN 'vaststelling'
         ELSE 'verantwoording' END AS soort,
    CASE WHEN a.status IN ('ingediend', 'in_behandeling')
           THEN a.ontvangen_ms / 86400000 + r.beslistermijn_weken * 7
         WHEN a.status = 'verantwoording_ingediend'
           THEN a.verantwoording_dag + r.vaststellingstermijn_weken * 7
         WHEN a.niveau = 'geen_verantwoording'
           THEN r.periode_eind + r.vaststellingstermijn_weken * 7
         ELSE r.verantwoording_uiterlijk END AS uiterlijk
  FROM aanvragen a JOIN regelingen r ON r.id = a.regeling_id
  WHERE a.gemeente = ?1 AND a.status IN ('ingediend', 'in_behandeling', 'verleend',
    'deels_verleend', 'voorschot_betaald', 'verantwoording_ingediend'))
WHERE uiterlijk IS NOT NULL)sql";

}  // namespace

Result<Listed<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                     bool overdue_only, int today, const Slice& slice) {
  const std::string where =
      std::string(kOpenDeadlines) + (overdue_only ? " AND uiterlijk < ?2" : "");
  Listed<Deadline> out;
  {
    Result<storage::Statement*> s = c.Prepare("SELECT COUNT(*) " + where);
    if (!s.ok()) return s.status();
    (*s)->Bind(1, gemeente);
    if (overdue_only) (*s)->Bind(2, today);
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    out.count = (*s)->Int(0);
  }

  Result<storage::Statement*> s = c.Prepare("SELECT id, regeling_id, soort, uiterlijk " + where +
                                            " ORDER BY uiterlijk, volgnummer LIMIT ?3 OFFSET ?4");
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
