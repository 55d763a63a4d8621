#include "http/codec.h"

#include "domain/money.h"
#include "vc/core/uuid.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

using json::ObjectReader;

json::IntRule Cents(bool required) {
  json::IntRule rule;
  rule.required = required;
  rule.nullable = !required;
  rule.min = 0;
  rule.max = kMaxCents;
  return rule;
}

json::StringRule Text(bool required, size_t max_length) {
  json::StringRule rule;
  rule.required = required;
  rule.max_length = max_length;
  return rule;
}

json::StringRule OneOf(const std::vector<std::string>& names, bool required) {
  json::StringRule rule = Text(required, 100);
  rule.allowed = &names;
  return rule;
}

// A "YYYY-MM-DD" member as days since the epoch; a malformed date is a format problem.
std::optional<int> Date(ObjectReader& r, const char* name, bool required) {
  std::optional<std::string> text = r.String(name, Text(required, 10));
  if (!text) return std::nullopt;
  std::optional<int> day = ParseIsoDate(*text);
  if (!day) r.AddProblem(r.PathOf(name), json::codes::kFormat, "moet een datum JJJJ-MM-DD zijn");
  return day;
}

void WriteDate(json::Writer& w, const char* key, const std::optional<int>& day) {
  w.Key(key);
  if (day) {
    w.String(FormatIsoDate(*day));
  } else {
    w.Null();
  }
}

Tiers ReadTiers(ObjectReader& r, const Tiers& fallback) {
  const rapidjson::Value* v = r.Object("verantwoordingsgrenzen");
  if (!v) return fallback;
  ObjectReader child = r.Child(*v, "verantwoordingsgrenzen");
  Tiers t = fallback;
  t.no_report_below = child.Integer("geenVerslagOnder", Cents(true)).value_or(1);
  t.activities_up_to = child.Integer("activiteitenverslagTot", Cents(true)).value_or(1);
  child.RejectUnknown();
  r.Absorb(child);
  return t;
}

Status CheckScheme(const Scheme& s) {
  std::vector<FieldProblem> problems;
  if (s.period_end < s.period_start) {
    problems.push_back({"periodeEind", "order", "ligt voor periodeBegin"});
  }
  if (s.allocation != Allocation::kOrderOfReceipt && !s.closing_day) {
    problems.push_back({"sluitingsdatum", "required", "is nodig bij deze verdeling"});
  }
  if (s.closing_day && (*s.closing_day < s.period_start || *s.closing_day > s.period_end)) {
    problems.push_back({"sluitingsdatum", "order", "ligt buiten de periode"});
  }
  if (s.accountability_due && *s.accountability_due < s.period_start) {
    problems.push_back({"verantwoordingUiterlijk", "order", "ligt voor periodeBegin"});
  }
  if (s.ceiling.ceiling && s.ceiling.max_per_application &&
      *s.ceiling.max_per_application > *s.ceiling.ceiling) {
    problems.push_back({"maxPerAanvraag", "order", "is hoger dan het plafond"});
  }
  if (!problems.empty()) return Status::Invalid("De regeling klopt niet.", std::move(problems));
  return CheckTiers(s.tiers);
}

}  // namespace

std::string TieBreakRule(Allocation allocation) {
  switch (allocation) {
    case Allocation::kOrderOfReceipt:
      return "Volgorde van ontvangst tot op de milliseconde; bij gelijke ontvangsttijd gaat de "
             "aanvraag die het eerst is vastgelegd voor. Een later ontvangen aanvraag krijgt "
             "alleen wat overblijft na eerder ontvangen aanvragen waarop nog niet is beslist.";
    case Allocation::kRanking:
      return "Na de sluitingsdatum op punten, hoogste eerst; bij gelijke punten de eerder "
             "ontvangen aanvraag, daarna de aanvraag die het eerst is vastgelegd.";
    case Allocation::kProRata:
      return "Na de sluitingsdatum krijgt iedere goedgekeurde aanvraag hetzelfde deel van haar "
             "bedrag, naar beneden afgerond op hele centen; gelijke standen bestaan niet.";
  }
  return "";
}

Result<Scheme> SchemeFromJson(const rapidjson::Value& body, const Tiers& default_tiers) {
  ObjectReader r(body);
  Scheme s;
  s.naam = r.String("naam", Text(true, 200)).value_or("");
  s.kind = ParseSchemeKind(r.String("soort", OneOf(SchemeKindNames(), true)).value_or(""))
               .value_or(SchemeKind::kProject);
  s.period_start = Date(r, "periodeBegin", true).value_or(0);
  s.period_end = Date(r, "periodeEind", true).value_or(0);
  s.closing_day = Date(r, "sluitingsdatum", false);
  s.ceiling.ceiling = r.Integer("plafond", Cents(false));
  s.ceiling.max_per_application = r.Integer("maxPerAanvraag", Cents(false));
  s.ceiling.partial_when_short = r.Bool("deelsVerlenen").value_or(true);
  std::optional<std::string> allocation = r.String("verdeling", OneOf(AllocationNames(), false));
  s.allocation = ParseAllocation(allocation.value_or("volgorde_van_ontvangst"))
                     .value_or(Allocation::kOrderOfReceipt);
  s.required_documents = r.StringArray("verplichteDocumenten", {false, 20, true}, Text(true, 200))
                             .value_or(std::vector<std::string>{});
  s.tiers = ReadTiers(r, default_tiers);
  s.decision_weeks =
      static_cast<int>(r.Integer("beslistermijnWeken", {false, false, 1, 52}).value_or(8));
  s.settlement_weeks =
      static_cast<int>(r.Integer("vaststellingstermijnWeken", {false, false, 1, 52}).value_or(8));
  s.accountability_due = Date(r, "verantwoordingUiterlijk", false);
  s.obligations = r.String("verplichtingen", Text(false, 5000)).value_or("");
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  VC_RETURN_IF_ERROR(CheckScheme(s));
  return s;
}

std::string SchemeJson(const Scheme& s, const std::string& url) {
  json::Writer w;
  w.StartObject().Field("url", url).Field("id", s.id).Field("naam", s.naam);
  w.Field("soort", NameOf(s.kind)).Field("meerjarig", IsMultiYear(s.kind));
  WriteDate(w, "periodeBegin", s.period_start);
  WriteDate(w, "periodeEind", s.period_end);
  WriteDate(w, "sluitingsdatum", s.closing_day);
  w.Field("plafond", s.ceiling.ceiling).Field("maxPerAanvraag", s.ceiling.max_per_application);
  w.Field("deelsVerlenen", s.ceiling.partial_when_short);
  w.Field("verdeling", NameOf(s.allocation));
  w.Field("beslisregelGelijkeStand", TieBreakRule(s.allocation));
  w.Field("verplichteDocumenten", s.required_documents);
  w.Key("verantwoordingsgrenzen").StartObject();
  w.Field("geenVerslagOnder", s.tiers.no_report_below);
  w.Field("activiteitenverslagTot", s.tiers.activities_up_to).EndObject();
  w.Field("beslistermijnWeken", s.decision_weeks);
  w.Field("vaststellingstermijnWeken", s.settlement_weeks);
  WriteDate(w, "verantwoordingUiterlijk", s.accountability_due);
  w.Field("verplichtingen", s.obligations);
  w.Field("geboekt", s.booked).Field("resterendPlafond", Remaining(s.ceiling, s.booked));
  w.Field("aangemaaktOp", s.created_at).EndObject();
  return w.Take();
}

Result<NewApplication> ApplicationFromJson(const rapidjson::Value& body, const TimePoint& now) {
  static const std::vector<std::string> kChannels = {"papier", "balie"};
  ObjectReader r(body);
  NewApplication n;
  Application& a = n.application;
  a.scheme_id = r.String("regeling", Text(true, 36)).value_or("");
  a.organisation_id = r.String("organisatie", Text(true, 36)).value_or("");
  json::IntRule amount = Cents(true);
  amount.min = 1;
  a.facts.requested = r.Integer("aangevraagdBedrag", amount).value_or(0);
  a.activities = r.String("omschrijving", Text(true, 2000)).value_or("");
  std::optional<std::string> received = r.String("ontvangenOp", Text(false, 40));
  std::optional<std::string> channel = r.String("kanaal", OneOf(kChannels, false));
  r.RejectUnknown();

  if (!a.scheme_id.empty() && !IsUuid(a.scheme_id)) {
    r.AddProblem("regeling", json::codes::kFormat, "moet een UUID zijn");
  }
  if (!a.organisation_id.empty() && !IsUuid(a.organisation_id)) {
    r.AddProblem("organisatie", json::codes::kFormat, "moet een UUID zijn");
  }
  if (received) {
    // Years outside 2000-2100 are refused before parsing: far ones overflow a time point.
    const std::string year = received->substr(0, 4);
    const bool plausible = year.find_first_not_of("0123456789") == std::string::npos &&
                           year.size() == 4 && year >= "2000" && year <= "2100";
    std::optional<TimePoint> at = plausible ? ParseRfc3339(*received) : std::nullopt;
    if (!at) {
      r.AddProblem("ontvangenOp", json::codes::kFormat, "moet een tijdstip volgens RFC 3339 zijn");
    } else if (*at > now) {
      r.AddProblem("ontvangenOp", "future", "ligt in de toekomst");
    } else {
      a.receipt_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(at->time_since_epoch()).count();
    }
    if (!channel) r.AddProblem("kanaal", json::codes::kRequired, "is nodig bij ontvangenOp");
  } else if (channel) {
    r.AddProblem("ontvangenOp", json::codes::kRequired, "is nodig bij kanaal");
  }
  VC_RETURN_IF_ERROR(r.Finish());
  n.on_paper = received.has_value();
  a.channel = channel.value_or("digitaal");
  return n;
}

std::string ApplicationJson(const Application& a, const std::string& url,
                            const std::string& scheme_url) {
  json::Writer w;
  w.StartObject().Field("url", url).Field("id", a.id).Field("regeling", scheme_url);
  w.Field("organisatie", a.organisation_id).Field("omschrijving", a.activities);
  w.Field("status", NameOf(a.facts.state)).Field("aangevraagdBedrag", a.facts.requested);
  w.Field("verleendBedrag", a.facts.granted).Field("voorschotten", a.facts.advances);
  w.Field("vastgesteldBedrag", a.facts.settled).Field("betaaldBedrag", a.facts.paid);
  w.Field("teruggevorderdBedrag", a.facts.recovered);
  w.Field("terugTeVorderenBedrag", StillToRecover(a.facts));
  w.Field("verantwoording", NameOf(a.facts.tier)).Field("punten", a.points);
  w.Key("ontvangenOp");
  if (a.receipt_ms) {
    w.String(FormatRfc3339(TimePoint(std::chrono::milliseconds(*a.receipt_ms))));
  } else {
    w.Null();
  }
  w.Field("kanaal", a.channel).Field("ingevoerdDoor", a.entered_by);
  w.Field("ingevoerdOp", a.entered_at).Field("volgnummer", a.sequence);
  w.Field("weigeringsreden", a.refusal_reason);
  w.Field("aangemaaktOp", a.created_at).Field("gewijzigdOp", a.updated_at).EndObject();
  return w.Take();
}

Result<StepRequest> StepFromJson(const rapidjson::Value& body) {
  ObjectReader r(body);
  StepRequest s;
  std::optional<std::string> action = r.String("actie", OneOf(ActionNames(), true));
  s.step.amount = r.Integer("bedrag", Cents(false)).value_or(0);
  s.step.reason = r.String("reden", Text(false, 2000)).value_or("");
  std::optional<std::string> ground = r.String("grond", OneOf(LowerReasonNames(), false));
  s.points = r.Integer("punten", {false, true, 0, 1000000});
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  s.step.action = ParseAction(*action).value_or(Action::kIndienen);
  if (ground) s.step.lower_reason = ParseLowerReason(*ground);
  return s;
}

std::string StepJson(const StepRecord& s, const std::string& url) {
  json::Writer w;
  w.StartObject().Field("url", url).Field("id", s.id).Field("actie", NameOf(s.action));
  w.Field("van", NameOf(s.from)).Field("naar", NameOf(s.to)).Field("bedrag", s.amount);
  w.Field("reden", s.reason).Key("grond");
  if (s.lower_reason) {
    w.String(NameOf(*s.lower_reason));
  } else {
    w.Null();
  }
  w.Field("door", s.by).Field("op", s.at).EndObject();
  return w.Take();
}

}  // namespace vc::subsidies
