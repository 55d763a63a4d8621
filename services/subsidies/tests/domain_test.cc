// The subsidy rules without storage or HTTP: money, tiers, allowance limits, procurement
// thresholds, the ceiling and the application state machine.
#include <catch2/catch.hpp>

#include "domain/allowance.h"
#include "domain/application.h"
#include "domain/ceiling.h"
#include "domain/deadline.h"
#include "domain/money.h"
#include "domain/procurement.h"
#include "domain/records.h"
#include "domain/scheme.h"
#include "vc/core/clock.h"

using namespace vc;
using namespace vc::subsidies;

namespace {

int Day(const char* iso) { return *ParseIsoDate(iso); }

}  // namespace

TEST_CASE("amounts are refused when negative or beyond the bound", "[subsidies][domain]") {
  CHECK(CheckCents("bedrag", 0).ok());
  CHECK(CheckCents("bedrag", kMaxCents).ok());
  Status negative = CheckCents("bedrag", -1);
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.fields().at(0).name == "bedrag");
  CHECK(negative.fields().at(0).code == "minimum");
  CHECK(CheckCents("bedrag", kMaxCents + 1).fields().at(0).code == "maximum");
}

TEST_CASE("euro amounts are written the Dutch way", "[subsidies][domain]") {
  CHECK(FormatEuro(0) == "€ 0,00");
  CHECK(FormatEuro(5) == "€ 0,05");
  CHECK(FormatEuro(123456) == "€ 1.234,56");
  CHECK(FormatEuro(4500000) == "€ 45.000,00");
  CHECK(FormatEuro(100000000000) == "€ 1.000.000.000,00");
}

TEST_CASE("scheme kinds and allocations are known by their Dutch names", "[subsidies][domain]") {
  CHECK(ParseSchemeKind("projectsubsidie") == SchemeKind::kProject);
  CHECK_FALSE(ParseSchemeKind("lening").has_value());
  CHECK(ParseAllocation("naar_rato") == Allocation::kProRata);
  for (const std::string& name : SchemeKindNames()) CHECK(NameOf(*ParseSchemeKind(name)) == name);
  CHECK(IsMultiYear(SchemeKind::kWaardering));
  CHECK_FALSE(IsMultiYear(SchemeKind::kProject));
}

TEST_CASE("the accountability tier follows the amount and the configured bounds",
          "[subsidies][domain]") {
  Tiers national;
  auto [cents, tier] = GENERATE(table<int64_t, Tier>({
      {1, Tier::kNone},
      {2'499'999, Tier::kNone},
      {2'500'000, Tier::kActivities},
      {12'500'000, Tier::kActivities},
      {12'500'001, Tier::kFinancialReport},
  }));
  CAPTURE(cents);
  CHECK(TierFor(cents, national) == tier);

  CHECK(TierFor(499'999, kMunicipalTiers) == Tier::kNone);
  CHECK(TierFor(500'000, kMunicipalTiers) == Tier::kActivities);
  CHECK(TierFor(5'000'001, kMunicipalTiers) == Tier::kFinancialReport);
}

TEST_CASE("tier bounds out of order are refused", "[subsidies][domain]") {
  CHECK(CheckTiers(Tiers{}).ok());
  CHECK(CheckTiers(kMunicipalTiers).ok());
  CHECK_FALSE(CheckTiers(Tiers{0, 100}).ok());
  Status swapped = CheckTiers(Tiers{5'000'000, 500'000});
  REQUIRE_FALSE(swapped.ok());
  CHECK(swapped.fields().at(0).name == "verantwoordingsgrenzen.activiteitenverslagTot");
}

TEST_CASE("the volunteer allowance limits are per year data", "[subsidies][domain]") {
  AllowanceLimits y2025 = LimitsFor(2025).value();
  CHECK(y2025.hourly_from_21 == 560);
  CHECK(y2025.hourly_under_21 == 330);
  CHECK(y2025.monthly == 21'000);
  CHECK(y2025.yearly == 210'000);
  AllowanceLimits y2026 = LimitsFor(2026).value();
  CHECK(y2026.hourly_from_21 == 575);
  CHECK(y2026.monthly == 22'000);
  CHECK(y2026.yearly == 220'000);
  CHECK(LimitsFor(2024).status().code() == Code::kNotFound);
}

TEST_CASE("an allowance is checked against hour, month and year at once", "[subsidies][domain]") {
  ProposedAllowance p{2025, 3, AgeBand::kFrom21, 5'600, 600};  // 10 hours at EUR 5.60

  SECTION("within every limit, with the headroom of each") {
    AllowanceCheck c = CheckAllowance(p, {0, 0}).value();
    CHECK(c.within);
    CHECK(c.hourly_headroom == 0);
    CHECK(c.month_headroom == 15'400);
    CHECK(c.year_headroom == 204'400);
    CHECK(c.headroom == 0);
  }
  SECTION("one cent too much an hour crosses the hourly limit") {
    p.amount = 5'601;
    AllowanceCheck c = CheckAllowance(p, {0, 0}).value();
    CHECK_FALSE(c.within);
    CHECK(c.crossed == std::vector<std::string>{"uur"});
  }
  SECTION("what other organisations paid counts for the month") {
    AllowanceCheck c = CheckAllowance(p, {16'000, 16'000}).value();
    CHECK(c.crossed == std::vector<std::string>{"maand"});
    CHECK(c.month_headroom == -600);
    CHECK(c.headroom == -600);
  }
  SECTION("the year can be crossed while the month is not") {
    AllowanceCheck c = CheckAllowance(p, {0, 205'000}).value();
    CHECK(c.crossed == std::vector<std::string>{"jaar"});
  }
  SECTION("all three at once") {
    p.amount = 30'000;
    AllowanceCheck c = CheckAllowance(p, {0, 190'000}).value();
    CHECK(c.crossed == std::vector<std::string>{"uur", "maand", "jaar"});
  }
  SECTION("the lower hourly limit applies under 21") {
    p.band = AgeBand::kUnder21;
    AllowanceCheck c = CheckAllowance(p, {0, 0}).value();
    CHECK(c.hourly_limit == 330);
    CHECK(c.crossed == std::vector<std::string>{"uur"});
  }
  SECTION("2026 has higher limits") {
    p.year = 2026;
    p.amount = 5'750;
    CHECK(CheckAllowance(p, {0, 0}).value().within);
  }
  SECTION("an unknown limit is said to be unknown, not guessed") {
    p.year = 2026;
    p.band = AgeBand::kUnder21;
    CHECK(CheckAllowance(p, {0, 0}).status().code() == Code::kNotFound);
  }
  SECTION("bad input names the field") {
    p.month = 13;
    CHECK(CheckAllowance(p, {0, 0}).status().fields().at(0).name == "maand");
    p.month = 1;
    p.amount = -1;
    CHECK(CheckAllowance(p, {0, 0}).status().fields().at(0).name == "bedrag");
    p.amount = 1;
    p.minutes = 0;
    CHECK(CheckAllowance(p, {0, 0}).status().fields().at(0).name == "minuten");
  }
}

TEST_CASE("procurement thresholds are dated data", "[subsidies][domain]") {
  Thresholds t = ThresholdsOn(Day("2026-01-01")).value();
  CHECK(t.services_and_supplies == 21'600'000);
  CHECK(t.works == 540'400'000);
  CHECK(t.social_services == 75'000'000);
  CHECK(ThresholdsOn(Day("2027-12-31")).value().works == 540'400'000);
  CHECK(ThresholdsOn(Day("2025-12-31")).value().services_and_supplies == 22'100'000);
  CHECK(ThresholdsOn(Day("2028-01-01")).status().code() == Code::kNotFound);
}

TEST_CASE("procurement advice says when a European tender is required and why",
          "[subsidies][domain]") {
  const int day = Day("2026-06-01");
  auto [kind, value, required] = GENERATE(table<PurchaseKind, int64_t, bool>({
      {PurchaseKind::kServices, 21'599'999, false},
      {PurchaseKind::kServices, 21'600'000, true},
      {PurchaseKind::kSupplies, 30'000'000, true},
      {PurchaseKind::kSocialServices, 74'999'999, false},
      {PurchaseKind::kSocialServices, 75'000'000, true},
      {PurchaseKind::kWorks, 540'399'999, false},
      {PurchaseKind::kWorks, 540'400'000, true},
  }));
  CAPTURE(value);
  ProcurementAdvice a = AdviseProcurement(kind, value, day).value();
  CHECK(a.european_tender_required == required);
  REQUIRE(a.routes.size() == 5);
  CHECK(a.routes[1].name == "nationale_procedure");
  CHECK(a.routes[1].open == !required);
  for (const Route& r : a.routes) CHECK_FALSE(r.reason.empty());
}

TEST_CASE("subsidy and open house are no routes for works", "[subsidies][domain]") {
  ProcurementAdvice a = AdviseProcurement(PurchaseKind::kWorks, 100, Day("2026-06-01")).value();
  CHECK(a.routes[2].name == "subsidie");
  CHECK_FALSE(a.routes[2].open);
  CHECK_FALSE(a.routes[4].open);
  CHECK(AdviseProcurement(PurchaseKind::kWorks, -1, Day("2026-06-01")).status().code() ==
        Code::kInvalidArgument);
}

TEST_CASE("a grant is capped by the maximum and by what is left of the ceiling",
          "[subsidies][domain]") {
  CeilingRules rules{1'000'000, 300'000, true};
  CHECK(Remaining(rules, 400'000) == 600'000);
  CHECK(DecideGrant(rules, 200'000, 0).value() == 200'000);
  CHECK(DecideGrant(rules, 500'000, 0).value() == 300'000);
  CHECK(DecideGrant(rules, 300'000, 900'000).value() == 100'000);
  CHECK(DecideGrant(rules, 1, 1'000'000).status().fields().at(0).code == "ceiling-reached");

  rules.partial_when_short = false;
  CHECK(DecideGrant(rules, 300'000, 900'000).status().fields().at(0).code == "ceiling-exceeded");
  CHECK(DecideGrant(CeilingRules{}, 9'000'000, 123).value() == 9'000'000);
  CHECK_FALSE(Remaining(CeilingRules{}, 5).has_value());
}

TEST_CASE("ranking grants by points, then receipt time, then order stored", "[subsidies][domain]") {
  CeilingRules rules{1'000, std::nullopt, true};
  std::vector<Candidate> c = {
      {600, 5, 2000, 1},  // same points as the next, later receipt
      {600, 5, 1000, 2},
      {300, 9, 3000, 3},  // highest points: first
  };
  std::vector<int64_t> granted = AllocateByRanking(rules, c);
  CHECK(granted == std::vector<int64_t>{100, 600, 300});

  rules.partial_when_short = false;
  CHECK(AllocateByRanking(rules, c) == std::vector<int64_t>{0, 600, 300});

  std::vector<Candidate> same = {{600, 5, 1000, 7}, {600, 5, 1000, 3}};
  CHECK(AllocateByRanking(CeilingRules{600, std::nullopt, true}, same) ==
        std::vector<int64_t>{0, 600});
}

TEST_CASE("pro rata lowers every amount alike and never exceeds the ceiling",
          "[subsidies][domain]") {
  CeilingRules rules{1'000, std::nullopt, true};
  std::vector<Candidate> c = {{1'000, 0, 0, 1}, {500, 0, 0, 2}, {1, 0, 0, 3}};
  std::vector<int64_t> granted = AllocateProRata(rules, c);
  CHECK(granted == std::vector<int64_t>{666, 333, 0});
  CHECK(AllocateProRata(CeilingRules{5'000, std::nullopt, true}, c) ==
        std::vector<int64_t>{1'000, 500, 1});

  std::vector<Candidate> big = {{kMaxCents, 0, 0, 1}, {kMaxCents, 0, 0, 2}};
  std::vector<int64_t> halves = AllocateProRata(CeilingRules{kMaxCents, std::nullopt, true}, big);
  CHECK(halves[0] + halves[1] <= kMaxCents);
}

namespace {

Step St(Action action, int64_t amount = 0, std::string reason = "",
        std::optional<LowerReason> lower = std::nullopt, int day = 0) {
  return Step{action, amount, std::move(reason), lower, day};
}

ApplicationFacts Run(std::initializer_list<Step> steps, const Tiers& tiers = Tiers{}) {
  ApplicationFacts f;
  f.requested = 1'000'000;
  for (const Step& s : steps) {
    Result<ApplicationFacts> next = Apply(f, s, tiers);
    INFO(next.status().message());
    REQUIRE(next.ok());
    f = *next;
  }
  return f;
}

const Step kSubmit = St(Action::kIndienen);
const Step kReview = St(Action::kInBehandelingNemen);

}  // namespace

TEST_CASE("an application goes from draft to paid", "[subsidies][domain]") {
  ApplicationFacts f = Run({kSubmit, kReview, St(Action::kVerlenen, 1'000'000),
                            St(Action::kVoorschotBetalen, 800'000), St(Action::kVerantwoorden),
                            St(Action::kVaststellen, 1'000'000), St(Action::kUitbetalen, 200'000)});
  CHECK(f.state == State::kUitbetaald);
  CHECK(f.tier == Tier::kNone);
  CHECK(f.paid == 1'000'000);
}

TEST_CASE("a grant lower than requested is a partial grant", "[subsidies][domain]") {
  ApplicationFacts f = Run({kSubmit, kReview, St(Action::kVerlenen, 400'000)});
  CHECK(f.state == State::kDeelsVerleend);
  CHECK(f.granted == 400'000);
}

TEST_CASE("every transition not in the machine is refused as a conflict", "[subsidies][domain]") {
  for (const std::string& state_name : StateNames()) {
    for (const std::string& action_name : ActionNames()) {
      ApplicationFacts f;
      f.state = *ParseState(state_name);
      f.requested = f.granted = f.settled = 100;
      f.tier = Tier::kActivities;
      Step s{*ParseAction(action_name), 100, "reden", LowerReason::kObligationsNotMet, 0};
      Result<ApplicationFacts> next = Apply(f, s, Tiers{});
      CAPTURE(state_name, action_name);
      if (!next.ok()) {
        CHECK((next.status().code() == Code::kConflict ||
               next.status().code() == Code::kFailedPrecondition));
      }
      const bool terminal = f.state == State::kGeweigerd || f.state == State::kTeruggevorderd;
      if (terminal) CHECK(next.status().code() == Code::kConflict);
    }
  }
  ApplicationFacts draft;
  CHECK(Apply(draft, St(Action::kVerlenen, 1), Tiers{}).status().code() == Code::kConflict);
}

TEST_CASE("a refusal needs a reason", "[subsidies][domain]") {
  ApplicationFacts f = Run({kSubmit, kReview});
  CHECK(Apply(f, St(Action::kWeigeren), Tiers{}).status().fields().at(0).name == "reden");
  Step refuse = St(Action::kWeigeren, 0, "past niet in het beleid");
  CHECK(Apply(f, refuse, Tiers{}).value().state == State::kGeweigerd);
}

TEST_CASE("a grant must be above zero and at most what was asked", "[subsidies][domain]") {
  ApplicationFacts f = Run({kSubmit, kReview});
  CHECK(Apply(f, St(Action::kVerlenen, 0), Tiers{}).status().code() == Code::kFailedPrecondition);
  CHECK(Apply(f, St(Action::kVerlenen, 1'000'001), Tiers{}).status().fields().at(0).code ==
        "maximum");
  CHECK(Apply(f, St(Action::kVerlenen, -5), Tiers{}).status().code() == Code::kInvalidArgument);
}

TEST_CASE("advances together never exceed the grant", "[subsidies][domain]") {
  ApplicationFacts f = Run(
      {kSubmit, kReview, St(Action::kVerlenen, 500'000), St(Action::kVoorschotBetalen, 300'000)});
  CHECK(Apply(f, St(Action::kVoorschotBetalen, 200'001), Tiers{}).status().fields().at(0).code ==
        "maximum");
  CHECK(Apply(f, St(Action::kVoorschotBetalen, 200'000), Tiers{}).value().advances == 500'000);
}

TEST_CASE("without accountability a small grant is settled as granted", "[subsidies][domain]") {
  ApplicationFacts small = Run({kSubmit, kReview, St(Action::kVerlenen, 400'000)}, kMunicipalTiers);
  CHECK(small.tier == Tier::kNone);
  CHECK(Apply(small, St(Action::kVaststellen, 400'000), kMunicipalTiers).value().state ==
        State::kVastgesteld);

  ApplicationFacts large = Run({kSubmit, kReview, St(Action::kVerlenen, 600'000)}, kMunicipalTiers);
  CHECK(large.tier == Tier::kActivities);
  CHECK(Apply(large, St(Action::kVaststellen, 600'000), kMunicipalTiers).status().code() ==
        Code::kConflict);
}

TEST_CASE("a settlement is never higher, and lower only on a ground of Awb 4:46",
          "[subsidies][domain]") {
  ApplicationFacts f =
      Run({kSubmit, kReview, St(Action::kVerlenen, 1'000'000), St(Action::kVerantwoorden)});
  CHECK(Apply(f, St(Action::kVaststellen, 1'000'001), Tiers{}).status().fields().at(0).code ==
        "maximum");
  CHECK(Apply(f, St(Action::kVaststellen, 900'000), Tiers{}).status().fields().at(0).name ==
        "grond");
  Step no_text = St(Action::kVaststellen, 900'000, "", LowerReason::kActivitiesNotPerformed);
  CHECK(Apply(f, no_text, Tiers{}).status().fields().at(0).name == "reden");
  Step lower = St(Action::kVaststellen, 900'000, "een activiteit ging niet door",
                  LowerReason::kActivitiesNotPerformed, Day("2027-03-01"));
  ApplicationFacts settled = Apply(f, lower, Tiers{}).value();
  CHECK(settled.settled == 900'000);
  CHECK(settled.settled_day == Day("2027-03-01"));
}

TEST_CASE("what was overpaid is recovered within five years", "[subsidies][domain]") {
  ApplicationFacts f = Run({kSubmit, kReview, St(Action::kVerlenen, 1'000'000),
                            St(Action::kVoorschotBetalen, 1'000'000), St(Action::kVerantwoorden),
                            St(Action::kVaststellen, 700'000, "minder activiteiten",
                               LowerReason::kActivitiesNotPerformed, Day("2027-03-01"))});
  CHECK(Apply(f, St(Action::kUitbetalen, 1), Tiers{}).status().fields().at(0).code ==
        "nothing-due");
  CHECK(Apply(f, St(Action::kTerugvorderen, 200'000, "", std::nullopt, Day("2027-04-01")), Tiers{})
            .status()
            .fields()
            .at(0)
            .code == "mismatch");
  Step late = St(Action::kTerugvorderen, 300'000, "", std::nullopt, Day("2032-03-02"));
  CHECK(Apply(f, late, Tiers{}).status().fields().at(0).code == "too-late");
  Step in_time = St(Action::kTerugvorderen, 300'000, "", std::nullopt, Day("2032-03-01"));
  CHECK(Apply(f, in_time, Tiers{}).value().state == State::kTeruggevorderd);
}

TEST_CASE("the recovery deadline is five calendar years on", "[subsidies][domain]") {
  CHECK(RecoveryDeadline(Day("2026-06-15")) == Day("2031-06-15"));
  CHECK(RecoveryDeadline(Day("2028-02-29")) == Day("2033-03-01"));
}

TEST_CASE("an application holds its grant of the ceiling until the settlement fixes it",
          "[subsidies][domain]") {
  const Step grant = St(Action::kVerlenen, 1'000'000);
  const Step advance = St(Action::kVoorschotBetalen, 1'000'000);
  const Step account = St(Action::kVerantwoorden);
  const Step lower = St(Action::kVaststellen, 700'000, "minder activiteiten",
                        LowerReason::kActivitiesNotPerformed);
  auto [name, steps, claim] = GENERATE_COPY(table<std::string, std::vector<Step>, int64_t>({
      {"submitted", {kSubmit}, 0},
      {"in review", {kSubmit, kReview}, 0},
      {"refused", {kSubmit, kReview, St(Action::kWeigeren, 0, "buiten het doel")}, 0},
      {"granted", {kSubmit, kReview, grant}, 1'000'000},
      {"granted in part", {kSubmit, kReview, St(Action::kVerlenen, 400'000)}, 400'000},
      {"advance paid", {kSubmit, kReview, grant, advance}, 1'000'000},
      {"accounted for", {kSubmit, kReview, grant, account}, 1'000'000},
      {"settled lower", {kSubmit, kReview, grant, account, lower}, 700'000},
      {"settled as granted",
       {kSubmit, kReview, grant, account, St(Action::kVaststellen, 1'000'000)},
       1'000'000},
      {"settled at nothing",
       {kSubmit, kReview, grant, account,
        St(Action::kVaststellen, 0, "niets gedaan", LowerReason::kActivitiesNotPerformed)},
       0},
      {"overpaid and recovered",
       {kSubmit, kReview, grant, advance, account, lower, St(Action::kTerugvorderen, 300'000)},
       700'000},
  }));
  CAPTURE(name);
  ApplicationFacts f;
  f.requested = 1'000'000;
  for (const Step& s : steps) {
    Result<ApplicationFacts> next = Apply(f, s, Tiers{});
    INFO(next.status().message());
    REQUIRE(next.ok());
    f = *next;
  }
  CHECK(ClaimOnCeiling(f) == claim);
}

TEST_CASE("what was paid beyond the settlement is to be recovered until the recovery",
          "[subsidies][domain]") {
  ApplicationFacts advanced =
      Run({kSubmit, kReview, St(Action::kVerlenen, 1'000'000),
           St(Action::kVoorschotBetalen, 800'000), St(Action::kVerantwoorden)});
  CHECK(StillToRecover(advanced) == 0);  // not settled yet: the advance is no debt

  Step lower = St(Action::kVaststellen, 600'000, "minder activiteiten",
                  LowerReason::kActivitiesNotPerformed);
  ApplicationFacts settled = Apply(advanced, lower, Tiers{}).value();
  CHECK(StillToRecover(settled) == 200'000);
  ApplicationFacts recovered = Apply(settled, St(Action::kTerugvorderen, 200'000), Tiers{}).value();
  CHECK(StillToRecover(recovered) == 0);
  CHECK(recovered.recovered == 200'000);

  Step within = St(Action::kVaststellen, 900'000, "minder activiteiten",
                   LowerReason::kActivitiesNotPerformed);
  CHECK(StillToRecover(Apply(advanced, within, Tiers{}).value()) == 0);  // 100'000 still due
}

TEST_CASE("the open deadline follows the state, the tier and the scheme's terms",
          "[subsidies][domain]") {
  Scheme scheme;
  scheme.period_end = Day("2026-12-31");
  scheme.decision_weeks = 8;
  scheme.settlement_weeks = 4;
  scheme.accountability_due = Day("2027-03-01");
  const int64_t received_ms = int64_t{Day("2026-02-03")} * 86'400'000 + 33'300'123;

  auto [state, tier, kind, due] = GENERATE_COPY(table<State, Tier, std::string, int>({
      {State::kConcept, Tier::kNone, "", 0},
      {State::kIngediend, Tier::kNone, "beslissing", Day("2026-03-31")},
      {State::kInBehandeling, Tier::kActivities, "beslissing", Day("2026-03-31")},
      {State::kVerleend, Tier::kNone, "vaststelling", Day("2027-01-28")},
      {State::kDeelsVerleend, Tier::kActivities, "verantwoording", Day("2027-03-01")},
      {State::kVoorschotBetaald, Tier::kFinancialReport, "verantwoording", Day("2027-03-01")},
      {State::kVerantwoordingIngediend, Tier::kActivities, "vaststelling", Day("2027-02-12")},
      {State::kGeweigerd, Tier::kNone, "", 0},
      {State::kVastgesteld, Tier::kNone, "", 0},
      {State::kUitbetaald, Tier::kNone, "", 0},
      {State::kTeruggevorderd, Tier::kNone, "", 0},
  }));
  CAPTURE(NameOf(state), NameOf(tier));
  Application a;
  a.facts.state = state;
  a.facts.tier = tier;
  a.receipt_ms = received_ms;
  a.accounted_day = Day("2027-01-15");
  std::optional<DueDate> got = DeadlineOf(a, scheme);
  if (kind.empty()) {
    CHECK_FALSE(got.has_value());
  } else {
    REQUIRE(got.has_value());
    CHECK(got->kind == kind);
    CHECK(FormatIsoDate(got->day) == FormatIsoDate(due));
  }

  SECTION("without the date it depends on there is no deadline") {
    a.receipt_ms.reset();
    a.accounted_day.reset();
    scheme.accountability_due.reset();
    std::optional<DueDate> none = DeadlineOf(a, scheme);
    const bool settles_unasked = tier == Tier::kNone && (state == State::kVerleend);
    CHECK(none.has_value() == settles_unasked);
  }
}
