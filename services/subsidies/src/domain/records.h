// The stored facts of the service as plain values: schemes, applications and their steps.
// Storage reads and writes them; HTTP reads them from and writes them to JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/application.h"
#include "domain/ceiling.h"
#include "domain/scheme.h"

namespace vc::subsidies {

struct Scheme {
  std::string id;
  std::string gemeente;
  std::string naam;
  SchemeKind kind = SchemeKind::kProject;
  int period_start = 0;  // days since 1970-01-01
  int period_end = 0;
  std::optional<int> closing_day;  // required for ranking and pro rata
  CeilingRules ceiling;
  Allocation allocation = Allocation::kOrderOfReceipt;
  std::vector<std::string> required_documents;
  Tiers tiers;
  int decision_weeks = 8;    // Awb 4:13 lid 2: at most eight weeks unless the scheme says
  int settlement_weeks = 8;  // after the accountability arrived
  std::optional<int> accountability_due;  // the day accountability is due
  std::string obligations;                // verplichtingen, for the decision text
  int64_t booked = 0;                     // sum of grants against the ceiling
  std::string created_at;
};

struct Application {
  std::string id;
  std::string gemeente;
  std::string scheme_id;
  std::string organisation_id;  // from registration
  int64_t sequence = 0;         // order stored; the last tie-break
  std::string activities;       // omschrijving of what the money is for
  ApplicationFacts facts;
  std::optional<int64_t> points;
  std::optional<int64_t> receipt_ms;  // time of receipt, ms since the epoch
  std::string channel = "digitaal";   // digitaal | papier | balie
  std::string entered_by;             // who entered it (client or user)
  std::string entered_at;             // when it was entered, RFC 3339
  std::string refusal_reason;
  std::optional<LowerReason> lower_reason;  // when settled lower than granted
  std::string settlement_note;
  std::optional<int> accounted_day;  // when the accountability came in
  std::string created_at;
  std::string updated_at;
};

// One transition, as it happened: the fact that is stored (and published).
struct StepRecord {
  std::string id;
  std::string application_id;
  std::string gemeente;
  Action action = Action::kIndienen;
  State from = State::kConcept;
  State to = State::kConcept;
  int64_t amount = 0;
  std::string reason;
  std::optional<LowerReason> lower_reason;
  std::string by;  // user_id of the token, else its client_id
  std::string at;  // RFC 3339 with milliseconds
};

}  // namespace vc::subsidies
