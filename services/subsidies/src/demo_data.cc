#include "demo_data.h"

#include "storage/create.h"
#include "storage/stores.h"
#include "storage/transitions.h"
#include "vc/core/uuid.h"
#include "vc/log/log.h"

namespace vc::subsidies {
namespace {

constexpr const char* kBy = "demo";

struct DemoScheme {
  const char* naam;
  SchemeKind kind;
  int64_t ceiling;
  int64_t max_per_application;
  std::vector<std::string> documents;
  const char* obligations;
};

// After the Den Haag practice the research describes: a yearly activities budget up to EUR
// 45,000 per organisation, new projects up to EUR 15,000, and a low-threshold upkeep subsidy.
std::vector<DemoScheme> Schemes() {
  return {
      {"Activiteitenbudget vrijwilligersorganisaties",
       SchemeKind::kBudget,
       45000000,
       4500000,
       {"activiteitenplan", "begroting"},
       "Vermeld de steun van de gemeente bij de activiteiten."},
      {"Nieuwe initiatieven",
       SchemeKind::kProject,
       15000000,
       1500000,
       {"projectplan", "begroting"},
       "Deel wat het project opleverde in een korte terugblik."},
      {"Basissubsidie vrijwilligersorganisaties",
       SchemeKind::kInstandhouding,
       6000000,
       250000,
       {},
       "Houd de vrijwilligers verzekerd."},
  };
}

struct DemoApplication {
  size_t scheme;  // index in Schemes()
  const char* organisation;
  int64_t requested;
  const char* activities;
  std::vector<Step> steps;  // taken in order, as the gemeente or the organisation would
  bool at_desk = false;     // entered by a coordinator, received a day earlier
};

Step Do(Action action, int64_t amount = 0, const char* reason = "") {
  Step s;
  s.action = action;
  s.amount = amount;
  s.reason = reason;
  return s;
}

std::vector<DemoApplication> Applications() {
  using A = Action;
  const std::vector<Step> in_review = {Do(A::kIndienen), Do(A::kInBehandelingNemen)};
  auto then = [](std::vector<Step> steps, std::vector<Step> more) {
    steps.insert(steps.end(), more.begin(), more.end());
    return steps;
  };
  return {
      {0, kDemoCentrale, 4000000, "Jaarprogramma: buurtmaaltijden, taalcafe en maatjesprojecten.",
       then(in_review, {Do(A::kVerlenen, 4000000), Do(A::kVoorschotBetalen, 3200000)})},
      {1, kDemoBuurtkracht, 1500000, "Repair cafe in Noord: het eerste jaar.", in_review},
      {2, kDemoSpeeltuin, 180000, "Onderhoud van de speeltuin en de vrijwilligersverzekering.",
       then(in_review,
            {Do(A::kVerlenen, 180000), Do(A::kVaststellen, 180000), Do(A::kUitbetalen, 180000)})},
      {1, kDemoSpeeltuin, 950000, "Zomerspeelweek voor kinderen uit de buurt.", {}, true},
      {0, kDemoBuurtkracht, 2500000, "Buurtkamer Noord: koffieochtenden en computerhulp.", {}},
      {1, kDemoCentrale, 1200000, "Vrijwilligersvacaturebank in een nieuwe vorm.",
       then(in_review, {Do(A::kWeigeren, 0,
                           "Het project liep al voor de aanvraag; de regeling is voor nieuwe "
                           "projecten.")})},
  };
}

Scheme SchemeOf(const DemoScheme& d, const Context& ctx, int year_start, int year_end,
                const std::string& now) {
  Scheme s;
  s.id = NewUuid();
  s.gemeente = kDemoGemeente;
  s.naam = d.naam;
  s.kind = d.kind;
  s.period_start = year_start;
  s.period_end = year_end;
  s.ceiling.ceiling = d.ceiling;
  s.ceiling.max_per_application = d.max_per_application;
  s.required_documents = d.documents;
  s.tiers = ctx.default_tiers;
  s.accountability_due = year_end + 90;
  s.obligations = d.obligations;
  s.created_at = now;
  return s;
}

Status Load(storage::Connection& c, const Context& ctx, const std::string& api_url) {
  const TimePoint now = ctx.clock.Now();
  const std::string stamp = FormatRfc3339(now);
  const std::string year = FormatIsoDate(DaysSinceEpoch(now)).substr(0, 4);
  const int year_start = ParseIsoDate(year + "-01-01").value_or(0);
  const int year_end = ParseIsoDate(year + "-12-31").value_or(0);

  std::vector<std::string> scheme_ids;
  for (const DemoScheme& d : Schemes()) {
    Scheme s = SchemeOf(d, ctx, year_start, year_end, stamp);
    VC_RETURN_IF_ERROR(CreateScheme(c, s, api_url));
    scheme_ids.push_back(s.id);
  }
  for (const DemoApplication& d : Applications()) {
    Application a;
    a.id = NewUuid();
    a.gemeente = kDemoGemeente;
    a.scheme_id = scheme_ids[d.scheme];
    a.organisation_id = d.organisation;
    a.activities = d.activities;
    a.facts.requested = d.requested;
    a.entered_by = kBy;
    a.entered_at = a.created_at = a.updated_at = stamp;
    if (d.at_desk) {
      a.channel = "balie";
      a.facts.state = State::kIngediend;
      a.receipt_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         (now - std::chrono::hours(24)).time_since_epoch())
                         .count();
    }
    VC_RETURN_IF_ERROR(CreateApplication(c, a, d.at_desk, api_url));
    for (const Step& step : d.steps) {
      StepRequest request;
      request.step = step;
      request.by = kBy;
      request.api_url = api_url;
      Result<StepOutcome> done = TakeStep(c, ctx.clock, kDemoGemeente, a.id, request);
      if (!done.ok()) return done.status();
    }
  }
  return Status::Ok();
}

}  // namespace

Status LoadDemoData(Context& ctx) {
  {
    storage::ReadLease lease = ctx.db.Read();
    Result<Listed<Scheme>> any = ListSchemes(*lease, kDemoGemeente, Slice{0, 1});
    if (!any.ok()) return any.status();
    if (any->count > 0) return Status::Ok();
  }
  // Limitation: without VC_PUBLIC_URL the demo data's notifications point at
  // http://localhost, as there is no request whose host they could take.
  const std::string api_url = PublishedApiUrl(ctx, http::Request{});
  VC_RETURN_IF_ERROR(ctx.db.Write([&](storage::Connection& c) { return Load(c, ctx, api_url); }));
  log::Info("demo.loaded", {{"gemeente", kDemoGemeente}});
  return Status::Ok();
}

}  // namespace vc::subsidies
