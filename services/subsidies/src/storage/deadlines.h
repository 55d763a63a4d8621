// What is due when, per gemeente: the decision on an application, the accountability of a
// grant, and the settlement; computed from stored facts on every call, so the list is always
// reproducible from them.
#pragma once

#include <string>
#include <vector>

#include "vc/core/result.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

struct Deadline {
  std::string application_id;
  std::string scheme_id;
  std::string kind;  // "beslissing", "verantwoording", "vaststelling"
  int due = 0;       // days since 1970-01-01
};

// Every open deadline of the gemeente, soonest first; only those before today when overdue.
// Limitation: the list is not paginated (about 0.4 s for 5,000 open applications, see the
// benchmark); evaluation moments of cooperation agreements are not in it.
Result<std::vector<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                          bool overdue_only, int today);

}  // namespace vc::subsidies
