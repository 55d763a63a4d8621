#include "http/codec.h"
#include "http/routes.h"
#include "storage/create.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/log/log.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;
using http::Response;

std::string AppUrl(const Context& ctx, const Request& req, const std::string& id) {
  return UrlOf(ctx, req, "/aanvragen/" + id);
}

std::string Json(const Context& ctx, const Request& req, const Application& a) {
  return ApplicationJson(a, AppUrl(ctx, req, a.id), UrlOf(ctx, req, "/regelingen/" + a.scheme_id));
}

void Store(Context& ctx, const Request& req, const Responder& respond,
           const std::shared_ptr<Application>& a, bool on_paper);

void Create(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  const TimePoint now = ctx.clock.Now();
  Result<NewApplication> parsed = ApplicationFromJson(*body, now);
  if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));
  if (parsed->on_paper) {
    Status manage = RequireScope(req, kScopeManage);
    if (!manage.ok()) return respond(http::Problem(manage, req.path));
  }

  // Everything that needs OpenSSL (the id) happens here, on a server thread: the organisation
  // check may go on on one of the HTTP client's threads, and OpenSSL's per-thread state on
  // those is never freed.
  auto a = std::make_shared<Application>(std::move(parsed->application));
  const bool on_paper = parsed->on_paper;
  a->id = NewUuid();
  a->gemeente = gemeente;
  a->facts.state = on_paper ? State::kIngediend : State::kConcept;
  a->entered_by = ActorOf(req);
  a->entered_at = a->created_at = a->updated_at = FormatRfc3339(now);
  CheckOrganisation(ctx, req, a->organisation_id,
                    [&ctx, req, respond, a, on_paper](const Status& known) {
                      if (!known.ok()) return respond(http::Problem(known, req.path));
                      Store(ctx, req, respond, a, on_paper);
                    });
}

// The new application, once its organisation is known: stored, published, answered with 201.
void Store(Context& ctx, const Request& req, const Responder& respond,
           const std::shared_ptr<Application>& a, bool on_paper) {
  const std::string api_url = PublishedApiUrl(ctx, req);
  ctx.db.Submit(
      [a, on_paper, api_url](storage::Connection& c) {
        return CreateApplication(c, *a, on_paper, api_url);
      },
      [&ctx, req, respond, a](const Status& status) {
        if (status.ok()) {
          log::Info("subsidies.aanvraag_created",
                    {{"gemeente", a->gemeente}, {"aanvraag", a->id}, {"kanaal", a->channel}});
        }
        Answer(respond, req, status, [&] {
          Response r = Response::Json(201, Json(ctx, req, *a));
          return std::move(r.With("Location", AppUrl(ctx, req, a->id)));
        });
      });
}

void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<http::PageRequest> page = http::PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));
  ApplicationFilter filter{req.Query("regeling").value_or(""), req.Query("status").value_or("")};
  if (!filter.state.empty() && !ParseState(filter.state)) {
    Status bad = Status::InvalidField("status", "enum", "is geen bekende status");
    return respond(http::Problem(bad, req.path));
  }

  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Listed<Application>> listed = ListApplications(c, gemeente, filter, SliceOf(*page));
    if (!listed.ok()) return listed.status();
    std::vector<std::string> items;
    for (const Application& a : listed->items) items.push_back(Json(ctx, req, a));
    return PageJson(req, *page, listed->count, items);
  });
}

Result<Application> Find(storage::Connection& c, const std::string& gemeente,
                         const std::string& id) {
  if (!IsUuid(id)) return Status::NotFound("Deze aanvraag bestaat niet.");
  return FindApplication(c, gemeente, id);
}

void Read(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Application> a = Find(c, gemeente, req.Param("id"));
    if (!a.ok()) return a.status();
    return Json(ctx, req, *a);
  });
}

// Submitting and accounting are the organisation's steps; every decision is the gemeente's.
bool IsOrganisationStep(Action a) { return a == Action::kIndienen || a == Action::kVerantwoorden; }

void TakeStepRoute(Context& ctx, const std::string& gemeente, Request& req,
                   const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<StepRequest> parsed = StepFromJson(*body);
  if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));
  if (!IsOrganisationStep(parsed->step.action)) {
    Status manage = RequireScope(req, kScopeManage);
    if (!manage.ok()) return respond(http::Problem(manage, req.path));
  }
  const std::string id = req.Param("id");
  if (!IsUuid(id)) {
    return respond(http::Problem(Status::NotFound("Deze aanvraag bestaat niet."), req.path));
  }

  parsed->by = ActorOf(req);
  parsed->api_url = PublishedApiUrl(ctx, req);
  auto request = std::make_shared<StepRequest>(std::move(parsed).value());
  auto outcome = std::make_shared<StepOutcome>();
  const std::string tenant = gemeente;
  ctx.db.Submit(
      [&ctx, request, outcome, tenant, id](storage::Connection& c) -> Status {
        Result<StepOutcome> done = TakeStep(c, ctx.clock, tenant, id, *request);
        if (!done.ok()) return done.status();
        *outcome = std::move(done).value();
        return Status::Ok();
      },
      [&ctx, req, respond, outcome](const Status& status) {
        const StepRecord& s = outcome->record;
        if (status.ok()) {
          log::Info("subsidies.stap", {{"gemeente", s.gemeente},
                                       {"aanvraag", s.application_id},
                                       {"actie", NameOf(s.action)},
                                       {"naar", NameOf(s.to)},
                                       {"bedrag", s.amount}});
        }
        Answer(respond, req, status, [&] {
          const std::string url = AppUrl(ctx, req, s.application_id) + "/stappen/" + s.id;
          Response r = Response::Json(201, StepJson(s, url));
          return std::move(r.With("Location", url));
        });
      });
}

void ListSteps(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Application> a = Find(c, gemeente, req.Param("id"));
    if (!a.ok()) return a.status();
    Result<std::vector<StepRecord>> steps = StepsOf(c, gemeente, a->id);
    if (!steps.ok()) return steps.status();
    std::vector<std::string> items;
    for (const StepRecord& s : *steps) {
      items.push_back(StepJson(s, AppUrl(ctx, req, a->id) + "/stappen/" + s.id));
    }
    return ListJson(static_cast<int64_t>(items.size()), items);
  });
}

}  // namespace

void AddApplicationRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/aanvragen", kScopeRead, List},
                      {"POST", "/aanvragen", kScopeWrite, Create},
                      {"GET", "/aanvragen/{id}", kScopeRead, Read},
                      {"GET", "/aanvragen/{id}/stappen", kScopeRead, ListSteps},
                      {"POST", "/aanvragen/{id}/stappen", kScopeWrite, TakeStepRoute},
                  });
}

}  // namespace vc::subsidies
