// The registration service's resources, each described by its ResourceSpec.
#pragma once

#include <vector>

#include "domain/resource_spec.h"

namespace vc::registration {

const ResourceSpec& GemeenteSpec();
const ResourceSpec& OrganisatieSpec();
const ResourceSpec& VrijwilligerSpec();
const ResourceSpec& VacatureSpec();
const ResourceSpec& HulpvraagSpec();
const ResourceSpec& SteunpuntSpec();

// Every tenant-owned resource (all but gemeenten), in dependency order: a resource comes
// after those it refers to.
const std::vector<const ResourceSpec*>& TenantSpecs();

// Shared field shapes, so that a postcode or an e-mail address is checked the same way
// everywhere.
FieldSpec PostcodeField(bool required, bool personal);
FieldSpec EmailField(const char* name, bool personal);
FieldSpec PhoneField(const char* name, bool personal);
FieldSpec WijkField();
FieldSpec TextField(const char* name, bool required, size_t max_length, bool personal = false);
FieldSpec EnumField(const char* name, bool required, const std::vector<std::string>* allowed);
FieldSpec ListField(const char* name, const std::vector<std::string>* allowed);
FieldSpec ReferenceField(const char* name, const char* collection, bool required);

}  // namespace vc::registration
