#include "storage/stores.h"

#include "domain/deadline.h"
#include "storage/publish.h"
#include "storage/rows.h"

namespace vc::subsidies {
namespace {

using storage::Connection;
using storage::Statement;

constexpr const char* kSchemeColumns =
    "id, gemeente, naam, soort, periode_begin, periode_eind, sluitingsdatum, plafond, "
    "max_per_aanvraag, deels_verlenen, verdeling, verplichte_documenten, geen_verslag_onder, "
    "activiteitenverslag_tot, beslistermijn_weken, vaststellingstermijn_weken, "
    "verantwoording_uiterlijk, verplichtingen, geboekt, aangemaakt_op";

constexpr const char* kApplicationColumns =
    "id, gemeente, regeling_id, organisatie_id, volgnummer, omschrijving, status, aangevraagd, "
    "verleend, voorschotten, vastgesteld, betaald, teruggevorderd, vastgesteld_dag, niveau, "
    "punten, ontvangen_ms, kanaal, ingevoerd_door, ingevoerd_op, weigeringsreden, lager_grond, "
    "vaststelling_toelichting, aangemaakt_op, gewijzigd_op, verantwoording_dag";

std::optional<int> OptionalDay(const Statement& s, int column) {
  std::optional<int64_t> v = s.OptionalInt(column);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<int64_t> AsOptional(const std::optional<int>& day) {
  if (!day) return std::nullopt;
  return static_cast<int64_t>(*day);
}

Scheme SchemeFrom(const Statement& s) {
  Scheme r;
  r.id = std::string(s.Text(0));
  r.gemeente = std::string(s.Text(1));
  r.naam = std::string(s.Text(2));
  r.kind = ParseSchemeKind(s.Text(3)).value_or(SchemeKind::kProject);
  r.period_start = static_cast<int>(s.Int(4));
  r.period_end = static_cast<int>(s.Int(5));
  r.closing_day = OptionalDay(s, 6);
  r.ceiling.ceiling = s.OptionalInt(7);
  r.ceiling.max_per_application = s.OptionalInt(8);
  r.ceiling.partial_when_short = s.Int(9) != 0;
  r.allocation = ParseAllocation(s.Text(10)).value_or(Allocation::kOrderOfReceipt);
  r.required_documents = FromJsonArray(s.Text(11));
  r.tiers = Tiers{s.Int(12), s.Int(13)};
  r.decision_weeks = static_cast<int>(s.Int(14));
  r.settlement_weeks = static_cast<int>(s.Int(15));
  r.accountability_due = OptionalDay(s, 16);
  r.obligations = std::string(s.Text(17));
  r.booked = s.Int(18);
  r.created_at = std::string(s.Text(19));
  return r;
}

Tier TierNamed(std::string_view name) {
  for (Tier t : {Tier::kNone, Tier::kActivities, Tier::kFinancialReport}) {
    if (NameOf(t) == name) return t;
  }
  return Tier::kNone;
}

Application ApplicationFrom(const Statement& s) {
  Application a;
  a.id = std::string(s.Text(0));
  a.gemeente = std::string(s.Text(1));
  a.scheme_id = std::string(s.Text(2));
  a.organisation_id = std::string(s.Text(3));
  a.sequence = s.Int(4);
  a.activities = std::string(s.Text(5));
  a.facts.state = ParseState(std::string(s.Text(6))).value_or(State::kConcept);
  a.facts.requested = s.Int(7);
  a.facts.granted = s.Int(8);
  a.facts.advances = s.Int(9);
  a.facts.settled = s.Int(10);
  a.facts.paid = s.Int(11);
  a.facts.recovered = s.Int(12);
  a.facts.settled_day = OptionalDay(s, 13);
  a.facts.tier = TierNamed(s.Text(14));
  a.points = s.OptionalInt(15);
  a.receipt_ms = s.OptionalInt(16);
  a.channel = std::string(s.Text(17));
  a.entered_by = std::string(s.Text(18));
  a.entered_at = std::string(s.Text(19));
  a.refusal_reason = std::string(s.Text(20));
  std::optional<std::string> ground = s.OptionalText(21);
  if (ground) a.lower_reason = ParseLowerReason(*ground);
  a.settlement_note = std::string(s.Text(22));
  a.created_at = std::string(s.Text(23));
  a.updated_at = std::string(s.Text(24));
  a.accounted_day = OptionalDay(s, 25);
  return a;
}

std::optional<std::string> GroundName(const std::optional<LowerReason>& r) {
  if (!r) return std::nullopt;
  return NameOf(*r);
}

// The kind and the day of a deadline into two parameters from first on; NULLs without one.
void BindDeadline(Statement& s, int first, const std::optional<DueDate>& due) {
  if (!due) {
    s.Bind(first, std::optional<std::string>()).Bind(first + 1, std::optional<int64_t>());
    return;
  }
  s.Bind(first, due->kind).Bind(first + 1, due->day);
}

template <typename T, typename From>
Result<std::vector<T>> Collect(Statement* s, From from) {
  std::vector<T> out;
  while (true) {
    Result<bool> row = s->Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(from(*s));
  }
}

Result<int64_t> Count(Connection& c, const std::string& sql,
                      const std::vector<std::string>& params) {
  Result<Statement*> s = c.Prepare(sql);
  if (!s.ok()) return s.status();
  for (size_t i = 0; i < params.size(); ++i) (*s)->Bind(static_cast<int>(i + 1), params[i]);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  return (*s)->Int(0);
}

}  // namespace

Status InsertScheme(Connection& c, const Scheme& r) {
  Result<Statement*> s = c.Prepare(std::string("INSERT INTO regelingen (") + kSchemeColumns +
                                   ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, r.id).Bind(2, r.gemeente).Bind(3, r.naam).Bind(4, NameOf(r.kind));
  (*s)->Bind(5, r.period_start).Bind(6, r.period_end).Bind(7, AsOptional(r.closing_day));
  (*s)->Bind(8, r.ceiling.ceiling).Bind(9, r.ceiling.max_per_application);
  (*s)->Bind(10, r.ceiling.partial_when_short ? 1 : 0).Bind(11, NameOf(r.allocation));
  (*s)->Bind(12, ToJsonArray(r.required_documents));
  (*s)->Bind(13, r.tiers.no_report_below).Bind(14, r.tiers.activities_up_to);
  (*s)->Bind(15, r.decision_weeks).Bind(16, r.settlement_weeks);
  (*s)->Bind(17, AsOptional(r.accountability_due)).Bind(18, r.obligations);
  (*s)->Bind(19, r.booked).Bind(20, r.created_at);
  return (*s)->Run();
}

Result<Scheme> FindScheme(Connection& c, const std::string& gemeente, const std::string& id) {
  Result<Statement*> s = c.Prepare(std::string("SELECT ") + kSchemeColumns +
                                   " FROM regelingen WHERE gemeente = ? AND id = ?");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, id);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Deze regeling bestaat niet.");
  return SchemeFrom(**s);
}

Result<Listed<Scheme>> ListSchemes(Connection& c, const std::string& gemeente, const Slice& slice) {
  Listed<Scheme> out;
  Result<int64_t> count =
      Count(c, "SELECT COUNT(*) FROM regelingen WHERE gemeente = ?", {gemeente});
  if (!count.ok()) return count.status();
  out.count = *count;

  Result<Statement*> s = c.Prepare(std::string("SELECT ") + kSchemeColumns +
                                   " FROM regelingen WHERE gemeente = ? "
                                   "ORDER BY aangemaakt_op, id LIMIT ? OFFSET ?");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, slice.limit).Bind(3, slice.offset);
  Result<std::vector<Scheme>> items = Collect<Scheme>(*s, SchemeFrom);
  if (!items.ok()) return items.status();
  out.items = std::move(items).value();
  return out;
}

Status Book(Connection& c, const std::string& scheme_id, int64_t delta) {
  Result<Statement*> s =
      c.Prepare("UPDATE regelingen SET geboekt = geboekt + ?1 WHERE id = ?2 AND geboekt + ?1 >= 0");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, delta).Bind(2, scheme_id);
  VC_RETURN_IF_ERROR((*s)->Run());

  // The CHECK guards the ceiling; giving back more than was booked would be a bug upstream.
  if (c.Changes() != 1) {
    return Status::Internal("Regeling " + scheme_id + ": " + std::to_string(-delta) +
                            " cent teruggeven is meer dan er geboekt is.");
  }
  return Status::Ok();
}

Status InsertApplication(Connection& c, Application& a, const Scheme& scheme) {
  Result<Statement*> s = c.Prepare(
      "INSERT INTO aanvragen (id, gemeente, regeling_id, organisatie_id, omschrijving, status, "
      "aangevraagd, niveau, punten, ontvangen_ms, kanaal, ingevoerd_door, ingevoerd_op, "
      "aangemaakt_op, gewijzigd_op, termijn_soort, termijn_dag) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, a.id).Bind(2, a.gemeente).Bind(3, a.scheme_id).Bind(4, a.organisation_id);
  (*s)->Bind(5, a.activities).Bind(6, NameOf(a.facts.state)).Bind(7, a.facts.requested);
  (*s)->Bind(8, NameOf(a.facts.tier)).Bind(9, a.points).Bind(10, a.receipt_ms);
  (*s)->Bind(11, a.channel).Bind(12, a.entered_by).Bind(13, a.entered_at);
  (*s)->Bind(14, a.created_at).Bind(15, a.updated_at);
  BindDeadline(**s, 16, DeadlineOf(a, scheme));
  VC_RETURN_IF_ERROR((*s)->Run());
  a.sequence = sqlite3_last_insert_rowid(c.raw());
  return Status::Ok();
}

Result<Application> FindApplication(Connection& c, const std::string& gemeente,
                                    const std::string& id) {
  Result<Statement*> s = c.Prepare(std::string("SELECT ") + kApplicationColumns +
                                   " FROM aanvragen WHERE gemeente = ? AND id = ?");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, id);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("Deze aanvraag bestaat niet.");
  return ApplicationFrom(**s);
}

ApplicationQuery QueryFor(const std::string& gemeente, const ApplicationFilter& f) {
  ApplicationQuery q;
  std::string where = " FROM aanvragen WHERE gemeente = ?";
  q.params.push_back(gemeente);
  if (!f.scheme_id.empty()) {
    where += " AND regeling_id = ?";
    q.params.push_back(f.scheme_id);
  }
  if (!f.state.empty()) {
    where += " AND status = ?";
    q.params.push_back(f.state);
  }
  q.count_sql = "SELECT COUNT(*)" + where;
  q.page_sql = std::string("SELECT ") + kApplicationColumns + where +
               " ORDER BY volgnummer LIMIT ? OFFSET ?";
  return q;
}

Result<Listed<Application>> ListApplications(Connection& c, const std::string& gemeente,
                                             const ApplicationFilter& f, const Slice& slice) {
  const ApplicationQuery q = QueryFor(gemeente, f);
  Listed<Application> out;
  Result<int64_t> count = Count(c, q.count_sql, q.params);
  if (!count.ok()) return count.status();
  out.count = *count;

  Result<Statement*> s = c.Prepare(q.page_sql);
  if (!s.ok()) return s.status();
  int next = 1;
  for (const std::string& p : q.params) (*s)->Bind(next++, p);
  (*s)->Bind(next, slice.limit).Bind(next + 1, slice.offset);
  Result<std::vector<Application>> items = Collect<Application>(*s, ApplicationFrom);
  if (!items.ok()) return items.status();
  out.items = std::move(items).value();
  return out;
}

Result<std::vector<Application>> ApplicationsInState(Connection& c, const std::string& scheme_id,
                                                     State state) {
  Result<Statement*> s = c.Prepare(std::string("SELECT ") + kApplicationColumns +
                                   " FROM aanvragen WHERE regeling_id = ? AND status = ? "
                                   "ORDER BY ontvangen_ms, volgnummer");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, scheme_id).Bind(2, NameOf(state));
  return Collect<Application>(*s, ApplicationFrom);
}

Status SaveApplication(Connection& c, const Application& a, const Scheme& scheme) {
  Result<Statement*> s = c.Prepare(
      "UPDATE aanvragen SET status = ?, verleend = ?, voorschotten = ?, vastgesteld = ?, "
      "betaald = ?, teruggevorderd = ?, vastgesteld_dag = ?, niveau = ?, punten = ?, "
      "ontvangen_ms = ?, weigeringsreden = ?, lager_grond = ?, vaststelling_toelichting = ?, "
      "gewijzigd_op = ?, verantwoording_dag = ?, termijn_soort = ?, termijn_dag = ? WHERE id = ?");
  if (!s.ok()) return s.status();
  const ApplicationFacts& f = a.facts;
  (*s)->Bind(1, NameOf(f.state)).Bind(2, f.granted).Bind(3, f.advances).Bind(4, f.settled);
  (*s)->Bind(5, f.paid).Bind(6, f.recovered).Bind(7, AsOptional(f.settled_day));
  (*s)->Bind(8, NameOf(f.tier)).Bind(9, a.points).Bind(10, a.receipt_ms);
  (*s)->Bind(11, a.refusal_reason).Bind(12, GroundName(a.lower_reason));
  (*s)->Bind(13, a.settlement_note).Bind(14, a.updated_at);
  (*s)->Bind(15, AsOptional(a.accounted_day));
  BindDeadline(**s, 16, DeadlineOf(a, scheme));
  (*s)->Bind(18, a.id);
  return (*s)->Run();
}

Status RecordStep(Connection& c, const StepRecord& r, const Application& after, SchemeKind kind,
                  const std::string& api_url) {
  Result<Statement*> s = c.Prepare(
      "INSERT INTO stappen (id, aanvraag_id, gemeente, actie, van, naar, bedrag, reden, grond, "
      "door, op) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, r.id).Bind(2, r.application_id).Bind(3, r.gemeente).Bind(4, NameOf(r.action));
  (*s)->Bind(5, NameOf(r.from)).Bind(6, NameOf(r.to)).Bind(7, r.amount).Bind(8, r.reason);
  (*s)->Bind(9, GroundName(r.lower_reason)).Bind(10, r.by).Bind(11, r.at);
  VC_RETURN_IF_ERROR((*s)->Run());
  return PublishStep(c, api_url, after, kind, r);
}

Result<std::vector<StepRecord>> StepsOf(Connection& c, const std::string& gemeente,
                                        const std::string& application_id) {
  Result<Statement*> s = c.Prepare(
      "SELECT id, aanvraag_id, gemeente, actie, van, naar, bedrag, reden, grond, door, op "
      "FROM stappen WHERE gemeente = ? AND aanvraag_id = ? ORDER BY volgnummer");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, application_id);
  return Collect<StepRecord>(*s, [](const Statement& row) {
    StepRecord r;
    r.id = std::string(row.Text(0));
    r.application_id = std::string(row.Text(1));
    r.gemeente = std::string(row.Text(2));
    r.action = ParseAction(std::string(row.Text(3))).value_or(Action::kIndienen);
    r.from = ParseState(std::string(row.Text(4))).value_or(State::kConcept);
    r.to = ParseState(std::string(row.Text(5))).value_or(State::kConcept);
    r.amount = row.Int(6);
    r.reason = std::string(row.Text(7));
    std::optional<std::string> ground = row.OptionalText(8);
    if (ground) r.lower_reason = ParseLowerReason(*ground);
    r.by = std::string(row.Text(9));
    r.at = std::string(row.Text(10));
    return r;
  });
}

}  // namespace vc::subsidies
