#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

const std::vector<std::string> kSoorten = {"vrijwilligerscentrale",
                                           "vereniging",
                                           "stichting",
                                           "informeel-netwerk",
                                           "maatschappelijke-organisatie",
                                           "kerk-of-levensbeschouwing",
                                           "anders"};

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "organisaties";
  s.singular = "organisatie";
  s.schema = "Organisatie";

  FieldSpec kvk = TextField("kvkNummer", false, 8);
  kvk.normalize = Verbatim<IsKvkNumber>;
  kvk.format_reason = "moet een KvK-nummer van acht cijfers zijn";
  kvk.column = "kvk_nummer";

  FieldSpec soort = EnumField("soort", true, &kSoorten);
  soort.column = "soort";

  FieldSpec contact = TextField("contact", false, 0);
  contact.type = FieldType::kObject;
  contact.children = {TextField("naam", false, 200), EmailField("email", false),
                      PhoneField("telefoon", false), TextField("website", false, 300)};

  FieldSpec steunpunt = TextField("isSteunpunt", false, 0);
  steunpunt.type = FieldType::kBool;
  steunpunt.column = "is_steunpunt";

  s.fields = {TextField("naam", true, 200),
              kvk,
              soort,
              TextField("omschrijving", false, 2000),
              contact,
              PostcodeField(false, false),
              WijkField(),
              steunpunt};
  return s;
}

}  // namespace

const ResourceSpec& OrganisatieSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
