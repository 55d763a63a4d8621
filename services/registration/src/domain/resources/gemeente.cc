#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {
namespace {

ResourceSpec Make() {
  ResourceSpec s;
  s.collection = "gemeenten";
  s.singular = "gemeente";
  s.schema = "Gemeente";

  FieldSpec code = TextField("code", true, 4);
  code.normalize = Verbatim<IsCbsCode>;
  code.format_reason = "moet een CBS-gemeentecode van vier cijfers zijn, zoals 0363";
  code.column = "code";

  FieldSpec area = TextField("postcodegebieden", false, 4);
  area.type = FieldType::kStringList;
  area.normalize = Verbatim<IsPostcodeArea>;
  area.max_items = 500;
  area.format_reason = "moet de vier cijfers van een postcode zijn, zoals 1011";

  FieldSpec wijken = TextField("wijken", false, 0);
  wijken.type = FieldType::kObjectList;
  wijken.max_items = 200;
  wijken.children = {TextField("code", true, 20), TextField("naam", true, 100), area};

  FieldSpec retention = TextField("bewaartermijnMaanden", false, 0);
  retention.type = FieldType::kInteger;
  retention.min = 1;
  retention.max = 120;

  // The log holds no personal data (pseudonyms only), and it is the gemeente's account of
  // its processing, so it is kept longer: up to twenty years.
  FieldSpec log_retention = TextField("verwerkingenBewaartermijnMaanden", false, 0);
  log_retention.type = FieldType::kInteger;
  log_retention.min = 1;
  log_retention.max = 240;

  FieldSpec modules = TextField("modules", false, 0);
  modules.type = FieldType::kObject;
  for (const char* m : {"registratie", "matching", "subsidies", "rapportage"}) {
    FieldSpec flag = TextField(m, false, 0);
    flag.type = FieldType::kBool;
    modules.children.push_back(flag);
  }

  s.fields = {code,          TextField("naam", true, 100), wijken, retention,
              log_retention, modules, EmailField("contactEmail", false)};
  return s;
}

}  // namespace

const ResourceSpec& GemeenteSpec() {
  static const ResourceSpec kSpec = Make();
  return kSpec;
}

}  // namespace vc::registration
