// What is due when, per gemeente: the decision on an application, the accountability of a
// grant, and the settlement. Each application's open deadline is worked out at its every step
// (domain/deadline.h) and stored beside it, so a page of the list is read from the index
// aanvragen_termijnen, soonest first, without working out the others.
#pragma once

#include <string>
#include <vector>

#include "storage/stores.h"
#include "vc/core/result.h"
#include "vc/storage/connection.h"

namespace vc::subsidies {

// The SQL of a page of deadlines (parameters: ?1 gemeente, ?2 today when overdue_only, ?3
// limit, ?4 offset) and of their count (?1, ?2).
struct DeadlineQuery {
  std::string page_sql;
  std::string count_sql;
};
DeadlineQuery DeadlineQueryFor(bool overdue_only);

struct Deadline {
  std::string application_id;
  std::string scheme_id;
  std::string kind;  // "beslissing", "verantwoording", "vaststelling"
  int due = 0;       // days since 1970-01-01
};

// One page of the open deadlines of the gemeente, soonest first (then in the order the
// applications were stored), with the count of them all; only those before today when
// overdue_only.
// Limitation: the count walks the index entries of the gemeente's open deadlines (no
// computing, but one entry each); evaluation moments of cooperation agreements are not in the
// list.
Result<Listed<Deadline>> DeadlinesOf(storage::Connection& c, const std::string& gemeente,
                                     bool overdue_only, int today, const Slice& slice);

}  // namespace vc::subsidies
