// The life of an application (aanvraag) as a state machine. Every step is checked against the
// current facts; a step that does not fit is refused, never silently adjusted.
//
//   concept -indienen-> ingediend -in_behandeling_nemen-> in_behandeling
//   in_behandeling -verlenen-> verleend | deels_verleend     (the amount decides which)
//   in_behandeling -weigeren-> geweigerd                      (a reason is required)
//   verleend | deels_verleend | voorschot_betaald -voorschot_betalen-> voorschot_betaald
//   verleend | deels_verleend | voorschot_betaald -verantwoorden-> verantwoording_ingediend
//   verantwoording_ingediend -vaststellen-> vastgesteld
//   verleend | deels_verleend | voorschot_betaald -vaststellen-> vastgesteld
//       only when the tier asks no accountability (ambtshalve vaststelling)
//   vastgesteld -uitbetalen-> uitbetaald                      (exactly what is still due)
//   vastgesteld | uitbetaald -terugvorderen-> teruggevorderd  (exactly what was overpaid,
//       within five years of the settlement, Awb 4:57)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/scheme.h"
#include "vc/core/result.h"

namespace vc::subsidies {

enum class State {
  kConcept,
  kIngediend,
  kInBehandeling,
  kVerleend,
  kDeelsVerleend,
  kGeweigerd,
  kVoorschotBetaald,
  kVerantwoordingIngediend,
  kVastgesteld,
  kUitbetaald,
  kTeruggevorderd,
};

enum class Action {
  kIndienen,
  kInBehandelingNemen,
  kVerlenen,
  kWeigeren,
  kVoorschotBetalen,
  kVerantwoorden,
  kVaststellen,
  kUitbetalen,
  kTerugvorderen,
};

// Awb 4:46 lid 2: the only grounds on which a settlement may be lower than the grant.
enum class LowerReason {
  kActivitiesNotPerformed,  // a: the activities did not (fully) take place
  kObligationsNotMet,       // b: obligations were not met
  kIncorrectInformation,    // c: incorrect or incomplete information was given
  kGrantWasWrong,           // d: the grant was wrong and the recipient knew or should have
};

const std::vector<std::string>& StateNames();        // "concept", "ingediend", ...
const std::vector<std::string>& ActionNames();       // "indienen", ...
const std::vector<std::string>& LowerReasonNames();  // "activiteiten_niet_verricht", ...
std::string NameOf(State state);
std::string NameOf(Action action);
std::string NameOf(LowerReason reason);
std::optional<State> ParseState(const std::string& name);
std::optional<Action> ParseAction(const std::string& name);
std::optional<LowerReason> ParseLowerReason(const std::string& name);

// The facts of an application that the rules need, all amounts in cents.
struct ApplicationFacts {
  State state = State::kConcept;
  int64_t requested = 0;
  int64_t granted = 0;
  int64_t advances = 0;  // advances paid so far
  int64_t settled = 0;
  int64_t paid = 0;  // advances and final payment together
  int64_t recovered = 0;
  std::optional<int> settled_day;  // days since 1970-01-01
  Tier tier = Tier::kNone;         // from the granted amount and the scheme's tiers
};

struct Step {
  Action action = Action::kIndienen;
  int64_t amount = 0;  // verlenen, voorschot_betalen, vaststellen, uitbetalen, terugvorderen
  std::string reason;  // weigeren: why; vaststellen lower: free explanation
  std::optional<LowerReason> lower_reason;  // vaststellen lower than granted
  int day = 0;                              // the day the step is taken, days since 1970-01-01
};

// The facts after the step. kConflict when the state does not allow the action;
// kFailedPrecondition (naming the field) when the amount or reason breaks a rule.
Result<ApplicationFacts> Apply(const ApplicationFacts& facts, const Step& step, const Tiers& tiers);

// What an application holds of its scheme's ceiling: the granted amount from the grant on,
// and the settled amount from the settlement on (so a lower settlement gives the difference
// back); nothing before a grant or after a refusal. The booked total of a scheme is the sum of
// this over its applications, and a step changes it by ClaimOnCeiling(after) -
// ClaimOnCeiling(before).
int64_t ClaimOnCeiling(const ApplicationFacts& facts);

// What was paid beyond the settled amount and is not yet claimed back with terugvorderen:
// paid - settled - recovered once settled, else 0. The settlement gives this part back to the
// ceiling too, although the money is still with the organisation until it is recovered.
int64_t StillToRecover(const ApplicationFacts& facts);

// Limitation: recovery covers what was paid beyond the settlement; withdrawing or changing a
// settlement afterwards (Awb 4:48, 4:49) is not modelled.
//
// The deadline for recovery: five years after the settlement day (Awb 4:57 lid 3).
int RecoveryDeadline(int settled_day);

}  // namespace vc::subsidies
