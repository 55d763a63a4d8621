// What is due when, per gemeente: the decision on an application, the accountability of a
// grant, and the settlement; computed from stored facts on every call, so the list is always
// reproducible from them.
#pragma once

#include <string>
#include <vector>

#include "storage/stores.h"
#include "vc/core/result.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

struct Deadline {
  std::string application_id;
  std::string scheme_id;
  std::string kind;  // "beslissing", "verantwoording", "vaststelling"
  int due = 0;       // days since 1970-01-01
};

// One page of the open deadlines of the gemeente, soonest first (then in the order the
// applications were stored), with the count of them all; only those before today when
// overdue_only.
// Limitation: every call computes each open application's deadline to count and sort them
// (no index can hold a date that depends on the state); evaluation moments of cooperation
// agreements are not in the list.
Result<Listed<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                     bool overdue_only, int today, const Slice& slice);

}  // namespace vc::subsidies
