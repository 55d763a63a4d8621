#include "http/agreement_codec.h"

#include "vc/core/clock.h"
#include "vc/core/uuid.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

using json::ObjectReader;

std::optional<int> Date(ObjectReader& r, const char* name) {
  std::optional<std::string> text = r.String(name, {true, false, true, 10, 10});
  if (!text) return std::nullopt;
  std::optional<int> day = ParseIsoDate(*text);
  if (!day) r.AddProblem(r.PathOf(name), json::codes::kFormat, "moet een datum JJJJ-MM-DD zijn");
  return day;
}

void ReadParties(ObjectReader& r, Agreement& a) {
  const rapidjson::Value* parties = r.Array("partijen", {true, 50, false});
  if (!parties) return;
  if (parties->Size() == 0) r.AddProblem("partijen", json::codes::kMinLength, "mag niet leeg zijn");
  json::StringRule phase{true};
  phase.allowed = &PhaseNames();
  for (rapidjson::SizeType i = 0; i < parties->Size(); ++i) {
    ObjectReader p = r.Child((*parties)[i], "partijen[" + std::to_string(i) + "]");
    Party party;
    party.organisation_id = p.String("organisatie", {true, false, true, 36, 36}).value_or("");
    if (!party.organisation_id.empty() && !IsUuid(party.organisation_id)) {
      p.AddProblem(p.PathOf("organisatie"), json::codes::kFormat, "moet een UUID zijn");
    }
    party.name = p.String("naam", {true}).value_or("");
    party.roles = p.StringArray("rollen", {true, 4, true}, phase).value_or(party.roles);
    p.RejectUnknown();
    r.Absorb(p);
    a.parties.push_back(std::move(party));
  }
}

void ReadEvaluations(ObjectReader& r, Agreement& a) {
  const rapidjson::Value* list = r.Array("evaluatiemomenten", {false, 100, false});
  if (!list) return;
  json::StringRule step{true};
  step.allowed = &PdcaStepNames();
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    ObjectReader e = r.Child((*list)[i], "evaluatiemomenten[" + std::to_string(i) + "]");
    Evaluation ev;
    ev.day = Date(e, "datum").value_or(0);
    ev.step = e.String("fase", step).value_or("");
    ev.subject = e.String("onderwerp", {true, false, true, 1, 500}).value_or("");
    e.RejectUnknown();
    r.Absorb(e);
    a.evaluations.push_back(std::move(ev));
  }
}

}  // namespace

Result<Agreement> AgreementFromJson(const rapidjson::Value& body) {
  ObjectReader r(body);
  Agreement a;
  a.name = r.String("naam", {true}).value_or("");
  ReadParties(r, a);
  a.start = Date(r, "ingangsdatum").value_or(0);
  a.end = Date(r, "einddatum").value_or(0);
  a.arrangements = r.String("werkafspraken", {false, false, true, 1, 5000}).value_or("");
  ReadEvaluations(r, a);
  a.personal_data_flows = r.Bool("persoonsgegevensGedeeld", true).value_or(false);
  a.processing_agreement = r.Bool("verwerkersovereenkomst", true).value_or(false);
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  VC_RETURN_IF_ERROR(CheckAgreement(a));
  return a;
}

std::string AgreementJson(const Agreement& a, const std::string& id, const std::string& at) {
  json::Writer w;
  w.StartObject().Field("id", id).Field("naam", a.name).Key("partijen").StartArray();
  for (const Party& p : a.parties) {
    w.StartObject().Field("organisatie", p.organisation_id).Field("naam", p.name);
    w.Field("rollen", p.roles).EndObject();
  }
  w.EndArray().Field("ingangsdatum", FormatIsoDate(a.start));
  w.Field("einddatum", FormatIsoDate(a.end)).Field("looptijdMaanden", TermMonths(a));
  w.Field("looptijdBinnenAdvies", TermWithinAdvice(a)).Field("werkafspraken", a.arrangements);
  w.Key("evaluatiemomenten").StartArray();
  for (const Evaluation& e : a.evaluations) {
    w.StartObject().Field("datum", FormatIsoDate(e.day)).Field("fase", e.step);
    w.Field("onderwerp", e.subject).EndObject();
  }
  w.EndArray().Field("persoonsgegevensGedeeld", a.personal_data_flows);
  w.Field("verwerkersovereenkomst", a.processing_agreement);
  w.Field("aandachtspunten", Attention(a)).Field("aangemaaktOp", at).EndObject();
  return w.Take();
}

}  // namespace vc::subsidies
