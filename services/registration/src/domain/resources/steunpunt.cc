#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

const std::vector<std::string> kSoorten = {"bibliotheek", "vrijwilligerscentrale", "buurthuis",
                                           "wijkcentrum", "anders"};

void CheckOpeningHours(const rapidjson::Value& doc, json::ObjectReader& reader) {
  auto hours = doc.FindMember("openingstijden");
  if (hours == doc.MemberEnd()) return;
  for (rapidjson::SizeType i = 0; i < hours->value.Size(); ++i) {
    const auto& slot = hours->value[i];
    // "HH:MM" compares correctly as text.
    if (std::string_view(slot["tot"].GetString()) <= std::string_view(slot["van"].GetString())) {
      reader.AddProblem("openingstijden[" + std::to_string(i) + "].tot", "time-order",
                        "moet later zijn dan 'van'");
    }
  }
}

FieldSpec Address() {
  FieldSpec postcode = PostcodeField(true, false);
  postcode.column.clear();
  FieldSpec f = TextField("adres", true, 0);
  f.type = FieldType::kObject;
  f.children = {TextField("straat", true, 200), TextField("huisnummer", true, 10), postcode,
                TextField("plaats", true, 100)};
  return f;
}

FieldSpec OpeningHours() {
  FieldSpec from = EnumField("van", true, nullptr);
  from.normalize = Verbatim<IsClockTime>;
  from.format_reason = "moet een tijd zijn als 09:30";
  FieldSpec to = from;
  to.name = "tot";

  FieldSpec f = TextField("openingstijden", false, 0);
  f.type = FieldType::kObjectList;
  f.children = {EnumField("dag", true, &Weekdays()), from, to};
  return f;
}

FieldSpec Coordinators() {
  FieldSpec f = TextField("coordinatoren", false, 0);
  f.type = FieldType::kObjectList;
  f.max_items = 20;
  f.children = {TextField("naam", true, 200), EmailField("email", false),
                PhoneField("telefoon", false)};
  return f;
}

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "steunpunten";
  s.singular = "steunpunt";
  s.schema = "Steunpunt";

  FieldSpec soort = EnumField("soort", true, &kSoorten);
  soort.column = "soort";

  s.fields = {TextField("naam", true, 200),
              soort,
              ReferenceField("organisatie", "organisaties", false),
              Address(),
              WijkField(),
              OpeningHours(),
              Coordinators(),
              EmailField("email", false),
              PhoneField("telefoon", false)};
  s.cross_check = CheckOpeningHours;
  return s;
}

}  // namespace

const ResourceSpec& SteunpuntSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
