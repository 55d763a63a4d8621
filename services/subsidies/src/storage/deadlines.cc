#include "storage/deadlines.h"

namespace vc::subsidies {

Result<std::vector<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                          bool overdue_only, int today) {
  // Decision: weeks after receipt. Accountability: the scheme's date, for grants that ask
  // one. Settlement: weeks after the accountability, or after the period for grants that ask
  // none (ambtshalve vaststelling).
  Result<storage::Statement*> s = c.Prepare(R"sql(
SELECT id, regeling_id, soort, uiterlijk FROM (
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
WHERE uiterlijk IS NOT NULL AND (?2 = 0 OR uiterlijk < ?3)
ORDER BY uiterlijk, volgnummer)sql");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, overdue_only ? 1 : 0).Bind(3, today);

  std::vector<Deadline> out;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({std::string((*s)->Text(0)), std::string((*s)->Text(1)),
                   std::string((*s)->Text(2)), static_cast<int>((*s)->Int(3))});
  }
}

}  // namespace vc::subsidies
