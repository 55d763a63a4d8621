// Cooperation agreements (samenwerkingsovereenkomsten): parties with their roles per phase,
// a term, working arrangements, evaluation moments in a plan-do-check-act rhythm, and
// whether a processing agreement covers the personal data that flows between the parties.
#pragma once

#include <string>
#include <vector>

#include "vc/core/status.h"

namespace vc::subsidies {

const std::vector<std::string>& PhaseNames();     // signalering, verwijzing, ondersteuning, nazorg
const std::vector<std::string>& PdcaStepNames();  // plan, do, check, act

struct Party {
  std::string organisation_id;
  std::string name;
  std::vector<std::string> roles;  // phases
};

struct Evaluation {
  int day = 0;
  std::string step;  // plan | do | check | act
  std::string subject;
};

struct Agreement {
  std::string name;
  std::vector<Party> parties;
  int start = 0;  // days since 1970-01-01
  int end = 0;
  std::string arrangements;
  std::vector<Evaluation> evaluations;  // sorted by day by CheckAgreement
  bool personal_data_flows = false;
  bool processing_agreement = false;
};

// Errors name the field: end before start, an evaluation outside the term.
Status CheckAgreement(Agreement& agreement);

// Whole months of the term, and whether it is within the advised three to five years.
int TermMonths(const Agreement& agreement);
bool TermWithinAdvice(const Agreement& agreement);

// Points to act on, in Dutch: a missing processing agreement, a term outside the advice, a
// phase no party covers, a plan-do-check-act rhythm without a check.
std::vector<std::string> Attention(const Agreement& agreement);

}  // namespace vc::subsidies
