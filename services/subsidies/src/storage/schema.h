// The subsidy store's tables, as numbered migrations.
#pragma once

#include <vector>

#include "vc/storage/migrations.h"

namespace vc::subsidies {

const std::vector<storage::Migration>& Migrations();

}  // namespace vc::subsidies
