// Small helpers for moving between statements and values: JSON text arrays of strings, and
// running a prepared statement with a status that names the table.
#pragma once

#include <string>
#include <vector>

#include "vc/core/result.h"

namespace vc::subsidies {

std::string ToJsonArray(const std::vector<std::string>& items);
std::vector<std::string> FromJsonArray(std::string_view json);

}  // namespace vc::subsidies
