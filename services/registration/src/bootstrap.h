// Gemeenten from configuration, for a fixed deployment (and benchmarks): every code in the list
// that is not yet registered is onboarded at start, as POST /gemeenten would.
#pragma once

#include <string>

#include "http/context.h"

namespace vc::registration {

// list: "0363:Amsterdam,0599:Rotterdam". kInvalidArgument for a malformed entry.
Status EnsureGemeenten(Context& ctx, const std::string& list);

}  // namespace vc::registration
