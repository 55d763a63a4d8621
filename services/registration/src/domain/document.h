// The stored form of a resource: "id" first, then the validated fields in spec order, then the
// members the service sets itself. What GET returns is this document with its "url" in front.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>

#include "domain/resource_spec.h"
#include "domain/tenant.h"

namespace vc::registration {

struct DocumentMeta {
  std::string id;
  std::string created;                   // aangemaaktOp
  std::string modified;                  // gewijzigdOp
  std::optional<std::string> registrar;  // geregistreerdDoor, for records_registrar specs
};

std::string Compose(const ResourceSpec& spec, const rapidjson::Value& fields,
                    const DocumentMeta& meta);

// The fields of a stored document, without the members the service sets.
rapidjson::Document FieldsOf(const rapidjson::Value& stored);
DocumentMeta MetaOf(const rapidjson::Value& stored);

// Fills what the client may leave out: defaults (e.g. a status) and the wijk, derived from the
// postcode through the gemeente's postcode areas when the client gave none (or changed the
// postcode without giving a wijk: rederive_wijk).
void Complete(const ResourceSpec& spec, const Tenant& tenant, bool rederive_wijk,
              rapidjson::Document& fields);

// The registrar of a new record: the acting user (or application) unless the person entered
// it online.
std::optional<std::string> RegistrarOf(const ResourceSpec& spec, const rapidjson::Value& fields,
                                       const std::string& acting);

}  // namespace vc::registration
