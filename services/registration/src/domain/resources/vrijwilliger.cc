#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

const std::vector<std::string> kContactvoorkeuren = {"email", "telefoon", "post", "persoonlijk"};
const std::vector<std::string> kDoelen = {"matching", "contact-organisaties", "nieuwsbrief",
                                          "onderzoek"};

FieldSpec Location() {
  FieldSpec lat = TextField("lat", true, 0);
  lat.type = FieldType::kNumber;
  lat.min_number = -90;
  lat.max_number = 90;
  FieldSpec lon = lat;
  lon.name = "lon";
  lon.min_number = -180;
  lon.max_number = 180;

  FieldSpec f = TextField("locatie", false, 0, true);
  f.type = FieldType::kObject;
  f.children = {lat, lon};
  return f;
}

FieldSpec Consents() {
  FieldSpec given = TextField("gegevenOp", true, 40);
  given.type = FieldType::kDateTime;
  FieldSpec withdrawn = TextField("ingetrokkenOp", false, 40);
  withdrawn.type = FieldType::kDateTime;

  FieldSpec f = TextField("toestemmingen", false, 0, true);
  f.type = FieldType::kObjectList;
  f.max_items = 20;
  f.children = {EnumField("doel", true, &kDoelen), given, TextField("tekstVersie", true, 20),
                withdrawn};
  return f;
}

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "vrijwilligers";
  s.singular = "vrijwilliger";
  s.schema = "Vrijwilliger";
  s.holds_personal_data = true;
  s.subject_kind = "vrijwilliger";

  FieldSpec distance = TextField("maxReisafstandKm", false, 0);
  distance.type = FieldType::kInteger;
  distance.max = 500;

  FieldSpec offline = TextField("wilOfflineHulp", false, 0);
  offline.type = FieldType::kBool;
  offline.column = "wil_offline_hulp";

  s.fields = {TextField("voornaam", true, 200, true),
              TextField("achternaam", true, 200, true),
              EmailField("email", true),
              PhoneField("telefoon", true),
              PostcodeField(true, true),
              WijkField(),
              Location(),
              ListField("vaardigheden", &Skills()),
              ListField("interesses", &Skills()),
              ListField("beschikbaarheid", &DayParts()),
              ListField("talen", &Languages()),
              distance,
              EnumField("contactvoorkeur", false, &kContactvoorkeuren),
              offline,
              ReferenceField("steunpunt", "steunpunten", false),
              Consents()};
  return s;
}

}  // namespace

const ResourceSpec& VrijwilligerSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
