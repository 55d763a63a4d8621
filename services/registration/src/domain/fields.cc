// Field shapes shared by several resources.
#include "domain/resources.h"
#include "domain/rules.h"

namespace vc::registration {

FieldSpec TextField(const char* name, bool required, size_t max_length, bool personal) {
  FieldSpec f;
  f.name = name;
  f.required = required;
  f.max_length = max_length;
  f.personal = personal;
  return f;
}

FieldSpec PostcodeField(bool required, bool personal) {
  FieldSpec f = TextField("postcode", required, 7, personal);
  f.normalize = NormalizePostcode;
  f.format_reason = "moet een Nederlandse postcode zijn, zoals 1234 AB";
  f.column = "postcode";
  return f;
}

FieldSpec EmailField(const char* name, bool personal) {
  FieldSpec f = TextField(name, false, 254, personal);
  f.normalize = Verbatim<IsEmail>;
  f.format_reason = "moet een e-mailadres zijn";
  return f;
}

FieldSpec PhoneField(const char* name, bool personal) {
  FieldSpec f = TextField(name, false, 20, personal);
  f.normalize = Verbatim<IsPhone>;
  f.format_reason = "moet een telefoonnummer van 10 tot 15 cijfers zijn";
  return f;
}

FieldSpec WijkField() {
  FieldSpec f = TextField("wijk", false, 50);
  f.column = "wijk";
  return f;
}

FieldSpec EnumField(const char* name, bool required, const std::vector<std::string>* allowed) {
  FieldSpec f = TextField(name, required, 50);
  f.allowed = allowed;
  return f;
}

FieldSpec ListField(const char* name, const std::vector<std::string>* allowed) {
  FieldSpec f = TextField(name, false, 50);
  f.type = FieldType::kStringList;
  f.allowed = allowed;
  return f;
}

FieldSpec ReferenceField(const char* name, const char* collection, bool required) {
  FieldSpec f = TextField(name, required, 36);
  f.type = FieldType::kReference;
  f.references = collection;
  f.column = name;
  return f;
}

const std::vector<const ResourceSpec*>& TenantSpecs() {
  static const std::vector<const ResourceSpec*> kSpecs = {
      &OrganisatieSpec(), &SteunpuntSpec(), &VrijwilligerSpec(), &VacatureSpec(), &HulpvraagSpec()};
  return kSpecs;
}

}  // namespace vc::registration
