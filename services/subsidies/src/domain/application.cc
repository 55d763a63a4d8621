#include "domain/application.h"

#include <algorithm>

#include "domain/money.h"
#include "vc/core/clock.h"

namespace vc::subsidies {
namespace {

template <typename E>
std::optional<E> Find(const std::vector<std::string>& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

bool OneOf(State s, std::initializer_list<State> states) {
  for (State candidate : states) {
    if (s == candidate) return true;
  }
  return false;
}

bool IsGranted(State s) {
  return OneOf(s, {State::kVerleend, State::kDeelsVerleend, State::kVoorschotBetaald});
}

bool IsSettled(State s) {
  return OneOf(s, {State::kVastgesteld, State::kUitbetaald, State::kTeruggevorderd});
}

Status Refuse(const std::string& field, const std::string& code, const std::string& reason) {
  return Status::Unprocessable("Ongeldige stap: " + field + " " + reason, {{field, code, reason}});
}

Status Grant(ApplicationFacts& f, const Step& step) {
  if (step.amount <= 0) return Refuse("bedrag", "minimum", "moet groter dan 0 zijn; weiger anders");
  if (step.amount > f.requested) {
    return Refuse("bedrag", "maximum", "mag niet hoger zijn dan het aangevraagde bedrag");
  }
  f.granted = step.amount;
  f.state = step.amount == f.requested ? State::kVerleend : State::kDeelsVerleend;
  return Status::Ok();
}

Status Advance(ApplicationFacts& f, const Step& step) {
  if (step.amount <= 0) return Refuse("bedrag", "minimum", "moet groter dan 0 zijn");
  if (f.advances + step.amount > f.granted) {
    return Refuse("bedrag", "maximum",
                  "voorschotten samen mogen het verleende bedrag niet "
                  "overschrijden");
  }
  f.advances += step.amount;
  f.paid += step.amount;
  f.state = State::kVoorschotBetaald;
  return Status::Ok();
}

Status Settle(ApplicationFacts& f, const Step& step) {
  if (step.amount > f.granted) {
    return Refuse("bedrag", "maximum", "een vaststelling mag niet hoger zijn dan de verlening");
  }
  if (step.amount < f.granted && !step.lower_reason) {
    return Refuse("grond", "required",
                  "een lagere vaststelling vraagt een grond uit Awb 4:46 lid 2");
  }
  if (step.amount < f.granted && step.reason.empty()) {
    return Refuse("reden", "required", "een lagere vaststelling vraagt een toelichting");
  }
  f.settled = step.amount;
  f.settled_day = step.day;
  f.state = State::kVastgesteld;
  return Status::Ok();
}

Status PayOut(ApplicationFacts& f, const Step& step) {
  const int64_t due = f.settled - f.paid;
  if (due <= 0) return Refuse("bedrag", "nothing-due", "er staat niets meer open");
  if (step.amount != due) {
    return Refuse("bedrag", "mismatch",
                  "moet gelijk zijn aan wat nog openstaat: " + std::to_string(due) + " cent");
  }
  f.paid += step.amount;
  f.state = State::kUitbetaald;
  return Status::Ok();
}

Status Recover(ApplicationFacts& f, const Step& step) {
  const int64_t overpaid = f.paid - f.settled;
  if (overpaid <= 0) return Refuse("bedrag", "nothing-due", "er is niet te veel betaald");
  if (step.amount != overpaid) {
    return Refuse(
        "bedrag", "mismatch",
        "moet gelijk zijn aan het te veel betaalde: " + std::to_string(overpaid) + " cent");
  }
  if (f.settled_day && step.day > RecoveryDeadline(*f.settled_day)) {
    return Refuse("datum", "too-late", "terugvorderen kan tot vijf jaar na de vaststelling");
  }
  f.recovered = step.amount;
  f.state = State::kTeruggevorderd;
  return Status::Ok();
}

bool Allowed(const ApplicationFacts& f, Action a) {
  switch (a) {
    case Action::kIndienen:
      return f.state == State::kConcept;
    case Action::kInBehandelingNemen:
      return f.state == State::kIngediend;
    case Action::kVerlenen:
    case Action::kWeigeren:
      return f.state == State::kInBehandeling;
    case Action::kVoorschotBetalen:
    case Action::kVerantwoorden:
      return IsGranted(f.state);
    case Action::kVaststellen:
      return f.state == State::kVerantwoordingIngediend ||
             (IsGranted(f.state) && f.tier == Tier::kNone);
    case Action::kUitbetalen:
      return f.state == State::kVastgesteld;
    case Action::kTerugvorderen:
      return OneOf(f.state, {State::kVastgesteld, State::kUitbetaald});
  }
  return false;
}

}  // namespace

const std::vector<std::string>& StateNames() {
  static const std::vector<std::string> kNames = {
      "concept",        "ingediend",  "in_behandeling",    "verleend",
      "deels_verleend", "geweigerd",  "voorschot_betaald", "verantwoording_ingediend",
      "vastgesteld",    "uitbetaald", "teruggevorderd"};
  return kNames;
}

const std::vector<std::string>& ActionNames() {
  static const std::vector<std::string> kNames = {
      "indienen",      "in_behandeling_nemen", "verlenen",   "weigeren",     "voorschot_betalen",
      "verantwoorden", "vaststellen",          "uitbetalen", "terugvorderen"};
  return kNames;
}

const std::vector<std::string>& LowerReasonNames() {
  static const std::vector<std::string> kNames = {"activiteiten_niet_verricht",
                                                  "verplichtingen_niet_nagekomen",
                                                  "onjuiste_gegevens", "verlening_onjuist"};
  return kNames;
}

std::string NameOf(State state) { return StateNames()[static_cast<size_t>(state)]; }
std::string NameOf(Action action) { return ActionNames()[static_cast<size_t>(action)]; }
std::string NameOf(LowerReason reason) { return LowerReasonNames()[static_cast<size_t>(reason)]; }
std::optional<State> ParseState(const std::string& n) { return Find<State>(StateNames(), n); }
std::optional<Action> ParseAction(const std::string& n) { return Find<Action>(ActionNames(), n); }
std::optional<LowerReason> ParseLowerReason(const std::string& n) {
  return Find<LowerReason>(LowerReasonNames(), n);
}

int64_t ClaimOnCeiling(const ApplicationFacts& f) {
  if (IsSettled(f.state)) return f.settled;
  if (IsGranted(f.state) || f.state == State::kVerantwoordingIngediend) return f.granted;
  return 0;
}

int64_t StillToRecover(const ApplicationFacts& f) {
  if (!IsSettled(f.state)) return 0;
  return std::max<int64_t>(0, f.paid - f.settled - f.recovered);
}

int RecoveryDeadline(int settled_day) {
  // Five calendar years: the same date five years on (29 February: 1 March).
  std::string date = FormatIsoDate(settled_day);
  int year = std::stoi(date.substr(0, 4)) + 5;
  std::string later = std::to_string(year) + date.substr(4);
  std::optional<int> day = ParseIsoDate(later);
  if (day) return *day;
  return *ParseIsoDate(std::to_string(year) + "-03-01");
}

Result<ApplicationFacts> Apply(const ApplicationFacts& facts, const Step& step,
                               const Tiers& tiers) {
  if (!Allowed(facts, step.action)) {
    return Status(Code::kConflict, "Een aanvraag met status " + NameOf(facts.state) +
                                       " kan niet de stap " + NameOf(step.action) + " zetten.");
  }
  VC_RETURN_IF_ERROR(CheckCents("bedrag", step.amount));

  ApplicationFacts next = facts;
  Status done = Status::Ok();
  switch (step.action) {
    case Action::kIndienen:
      next.state = State::kIngediend;
      break;
    case Action::kInBehandelingNemen:
      next.state = State::kInBehandeling;
      break;
    case Action::kVerlenen:
      done = Grant(next, step);
      next.tier = TierFor(next.granted, tiers);
      break;
    case Action::kWeigeren:
      if (step.reason.empty()) return Refuse("reden", "required", "een weigering vraagt een reden");
      next.state = State::kGeweigerd;
      break;
    case Action::kVoorschotBetalen:
      done = Advance(next, step);
      break;
    case Action::kVerantwoorden:
      next.state = State::kVerantwoordingIngediend;
      break;
    case Action::kVaststellen:
      done = Settle(next, step);
      break;
    case Action::kUitbetalen:
      done = PayOut(next, step);
      break;
    case Action::kTerugvorderen:
      done = Recover(next, step);
      break;
  }
  if (!done.ok()) return done;
  return next;
}

}  // namespace vc::subsidies
