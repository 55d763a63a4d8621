// Volunteer allowances as paid: recorded per volunteer (a pseudonymous id), month and paying
// organisation, and summed over every organisation of the gemeente for the limit checks.
#pragma once

#include <string>
#include <vector>

#include "domain/allowance.h"
#include "storage/stores.h"

namespace vc::subsidies {

struct AllowanceRecord {
  std::string id;
  std::string gemeente;
  std::string organisation_id;
  std::string volunteer;  // pseudonymous id chosen by the organisation or the gemeente
  ProposedAllowance payment;
  std::string recorded_by;
  std::string created_at;
};

// What every organisation of the gemeente paid the volunteer in the month and in the year.
// Limitation: payments by organisations in other gemeenten are not seen (each gemeente has
// its own pseudonyms), so a volunteer active in two gemeenten is checked per gemeente.
Result<PaidSoFar> PaidTo(storage::Connection& c, const std::string& gemeente,
                         const std::string& volunteer, int year, int month);

Status InsertAllowance(storage::Connection& c, const AllowanceRecord& record);

Result<Listed<AllowanceRecord>> ListAllowances(storage::Connection& c, const std::string& gemeente,
                                               const std::string& volunteer, const Slice& slice);

}  // namespace vc::subsidies
