#include "storage/allowances.h"

namespace vc::subsidies {

Result<PaidSoFar> PaidTo(storage::Connection& c, const std::string& gemeente,
                         const std::string& volunteer, int year, int month) {
  Result<storage::Statement*> s = c.Prepare(
      "SELECT COALESCE(SUM(CASE WHEN maand = ?4 THEN bedrag ELSE 0 END), 0), "
      "COALESCE(SUM(bedrag), 0) FROM vergoedingen "
      "WHERE gemeente = ?1 AND vrijwilliger = ?2 AND jaar = ?3");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, volunteer).Bind(3, year).Bind(4, month);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  return PaidSoFar{(*s)->Int(0), (*s)->Int(1)};
}

Status InsertAllowance(storage::Connection& c, const AllowanceRecord& r) {
  Result<storage::Statement*> s = c.Prepare(
      "INSERT INTO vergoedingen (id, gemeente, organisatie_id, vrijwilliger, leeftijdsklasse, "
      "jaar, maand, bedrag, minuten, geregistreerd_door, aangemaakt_op) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return s.status();
  const ProposedAllowance& p = r.payment;
  (*s)->Bind(1, r.id).Bind(2, r.gemeente).Bind(3, r.organisation_id).Bind(4, r.volunteer);
  (*s)->Bind(5, AgeBandNames()[static_cast<size_t>(p.band)]).Bind(6, p.year).Bind(7, p.month);
  (*s)->Bind(8, p.amount).Bind(9, p.minutes).Bind(10, r.recorded_by).Bind(11, r.created_at);
  return (*s)->Run();
}

Result<Listed<AllowanceRecord>> ListAllowances(storage::Connection& c, const std::string& gemeente,
                                               const std::string& volunteer, const Slice& slice) {
  Listed<AllowanceRecord> out;
  Result<storage::Statement*> count = c.Prepare(
      "SELECT COUNT(*) FROM vergoedingen WHERE gemeente = ?1 AND (?2 = '' OR vrijwilliger = ?2)");
  if (!count.ok()) return count.status();
  (*count)->Bind(1, gemeente).Bind(2, volunteer);
  Result<bool> counted = (*count)->Step();
  if (!counted.ok()) return counted.status();
  out.count = (*count)->Int(0);

  Result<storage::Statement*> s = c.Prepare(
      "SELECT id, organisatie_id, vrijwilliger, leeftijdsklasse, jaar, maand, bedrag, minuten, "
      "geregistreerd_door, aangemaakt_op FROM vergoedingen "
      "WHERE gemeente = ?1 AND (?2 = '' OR vrijwilliger = ?2) ORDER BY volgnummer "
      "LIMIT ?3 OFFSET ?4");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, volunteer).Bind(3, slice.limit).Bind(4, slice.offset);
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    AllowanceRecord r;
    r.id = std::string((*s)->Text(0));
    r.gemeente = gemeente;
    r.organisation_id = std::string((*s)->Text(1));
    r.volunteer = std::string((*s)->Text(2));
    r.payment.band = ParseAgeBand(std::string((*s)->Text(3))).value_or(AgeBand::kFrom21);
    r.payment.year = static_cast<int>((*s)->Int(4));
    r.payment.month = static_cast<int>((*s)->Int(5));
    r.payment.amount = (*s)->Int(6);
    r.payment.minutes = (*s)->Int(7);
    r.recorded_by = std::string((*s)->Text(8));
    r.created_at = std::string((*s)->Text(9));
    out.items.push_back(std::move(r));
  }
}

}  // namespace vc::subsidies
