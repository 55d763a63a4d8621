// The registration store's schema, as numbered migrations.
#pragma once

#include <vector>

#include "vc/storage/migrations.h"

namespace vc::registration {

const std::vector<storage::Migration>& Migrations();

}  // namespace vc::registration
