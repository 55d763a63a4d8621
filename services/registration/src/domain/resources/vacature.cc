#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

const std::vector<std::string> kStatussen = {"open", "vervuld", "gesloten"};

void CheckPeriod(const rapidjson::Value& doc, json::ObjectReader& reader) {
  auto begin = doc.FindMember("begindatum");
  auto end = doc.FindMember("einddatum");
  if (begin == doc.MemberEnd() || end == doc.MemberEnd()) return;
  // ISO dates compare correctly as text.
  if (std::string_view(end->value.GetString()) < std::string_view(begin->value.GetString())) {
    reader.AddProblem("einddatum", "date-order", "mag niet voor de begindatum liggen");
  }
}

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "vacatures";
  s.singular = "vacature";
  s.schema = "Vacature";

  FieldSpec hours = TextField("urenPerWeek", false, 0);
  hours.type = FieldType::kInteger;
  hours.max = 60;
  FieldSpec age = TextField("minimumLeeftijd", false, 0);
  age.type = FieldType::kInteger;
  age.max = 99;
  FieldSpec remote = TextField("opAfstand", false, 0);
  remote.type = FieldType::kBool;
  FieldSpec vog = TextField("vogVereist", false, 0);
  vog.type = FieldType::kBool;
  FieldSpec begin = TextField("begindatum", false, 10);
  begin.type = FieldType::kDate;
  FieldSpec end = begin;
  end.name = "einddatum";
  FieldSpec status = EnumField("status", false, &kStatussen);
  status.column = "status";
  status.default_text = "open";

  s.fields = {ReferenceField("organisatie", "organisaties", true),
              TextField("titel", true, 200),
              TextField("omschrijving", false, 4000),
              ListField("vaardigheden", &Skills()),
              PostcodeField(false, false),
              WijkField(),
              remote,
              ListField("tijdsloten", &DayParts()),
              hours,
              begin,
              end,
              vog,
              age,
              status};
  s.cross_check = CheckPeriod;
  return s;
}

}  // namespace

const ResourceSpec& VacatureSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
