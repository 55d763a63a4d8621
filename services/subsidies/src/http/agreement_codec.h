// The JSON of a cooperation agreement.
#pragma once

#include <rapidjson/document.h>

#include <string>

#include "domain/agreement.h"
#include "vc/core/result.h"

namespace vc::subsidies {

Result<Agreement> AgreementFromJson(const rapidjson::Value& body);
// The stored document (without url), with the term and attention points derived once.
std::string AgreementJson(const Agreement& a, const std::string& id, const std::string& at);

}  // namespace vc::subsidies
