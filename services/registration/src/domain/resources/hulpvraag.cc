#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

const std::vector<std::string> kKanalen = {"online", "telefoon", "balie", "steunpunt"};
const std::vector<std::string> kStatussen = {"nieuw", "in-behandeling", "gekoppeld", "afgerond",
                                             "geannuleerd"};
const std::vector<std::string> kContactvoorkeuren = {"email", "telefoon", "post", "persoonlijk"};

void CheckChannel(const rapidjson::Value& doc, json::ObjectReader& reader) {
  auto kanaal = doc.FindMember("kanaal");
  if (kanaal == doc.MemberEnd() || std::string_view(kanaal->value.GetString()) != "steunpunt") {
    return;
  }
  if (!doc.HasMember("steunpunt")) {
    reader.AddProblem("steunpunt", "required", "is verplicht wanneer het kanaal 'steunpunt' is");
  }
}

FieldSpec Requester() {
  FieldSpec offline = TextField("wilOfflineHulp", false, 0, true);
  offline.type = FieldType::kBool;

  FieldSpec f = TextField("hulpvrager", true, 0, true);
  f.type = FieldType::kObject;
  f.children = {TextField("naam", true, 200, true), EmailField("email", true),
                PhoneField("telefoon", true),
                EnumField("contactvoorkeur", false, &kContactvoorkeuren), offline};
  return f;
}

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "hulpvragen";
  s.singular = "hulpvraag";
  s.schema = "Hulpvraag";
  s.holds_personal_data = true;
  s.subject_kind = "hulpvrager";
  s.records_registrar = true;

  FieldSpec kanaal = EnumField("kanaal", true, &kKanalen);
  kanaal.column = "kanaal";
  FieldSpec status = EnumField("status", false, &kStatussen);
  status.column = "status";
  status.default_text = "nieuw";
  FieldSpec wanted = TextField("gewensteDatum", false, 10);
  wanted.type = FieldType::kDate;

  s.fields = {TextField("omschrijving", true, 4000),
              ListField("vaardigheden", &Skills()),
              kanaal,
              ReferenceField("steunpunt", "steunpunten", false),
              Requester(),
              PostcodeField(true, true),
              WijkField(),
              wanted,
              ListField("tijdsloten", &DayParts()),
              status};
  s.cross_check = CheckChannel;
  return s;
}

}  // namespace

const ResourceSpec& HulpvraagSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
