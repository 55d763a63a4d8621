#include "domain/decision.h"
#include "http/routes.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;
using http::Response;

Result<std::string> Render(Context& ctx, Request& req, Format format) {
  Result<std::string> gemeente = TenantOf(req);
  if (!gemeente.ok()) return gemeente.status();
  std::optional<DecisionKind> kind = ParseDecisionKind(req.Param("soort"));
  const std::string& id = req.Param("id");
  if (!kind || !IsUuid(id)) return Status::NotFound("Deze beschikking bestaat niet.");

  storage::ReadLease lease = ctx.db.Read();
  Result<Application> a = FindApplication(*lease, *gemeente, id);
  if (!a.ok()) return a.status();
  Result<Scheme> scheme = FindScheme(*lease, *gemeente, a->scheme_id);
  if (!scheme.ok()) return scheme.status();
  // The decision is dated by the step that took it, so later steps never change the document.
  Result<std::vector<StepRecord>> steps = StepsOf(*lease, *gemeente, id);
  if (!steps.ok()) return steps.status();
  std::string date;
  for (const StepRecord& s : *steps) {
    const bool decides = *kind == DecisionKind::kGrant
                             ? s.action == Action::kVerlenen || s.action == Action::kWeigeren
                             : s.action == Action::kVaststellen;
    if (decides) date = s.at.substr(0, 10);
  }
  return RenderDecision(*kind, format, *scheme, *a, date);
}

void Serve(Context& ctx, Request& req, const Responder& respond, Format format) {
  Result<std::string> doc = Render(ctx, req, format);
  if (!doc.ok()) return respond(http::Problem(doc.status(), req.path));
  Response r = Response::Json(200, std::move(doc).value());
  r.content_type =
      format == Format::kHtml ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
  respond(std::move(r));
}

}  // namespace

void AddDecisionRoutes(Context& ctx, http::Server& server) {
  const std::string base = ctx.prefix + "/aanvragen/{id}/beschikkingen/{soort}";
  http::Route html{"GET", base + "/html", kScopeRead,
                   [&ctx](Request& q, const Responder& r) { Serve(ctx, q, r, Format::kHtml); }};
  html.produces = "text/html";
  server.Add(std::move(html));
  http::Route text{"GET", base + "/tekst", kScopeRead,
                   [&ctx](Request& q, const Responder& r) { Serve(ctx, q, r, Format::kText); }};
  text.produces = "text/plain";
  server.Add(std::move(text));
}

}  // namespace vc::subsidies
