#include "http/privacy_routes.h"

#include "domain/pseudonym.h"
#include "domain/resources.h"
#include "http/notify.h"
#include "http/resource_routes.h"
#include "privacy/erasure.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/writer.h"

namespace vc::registration {
namespace {

using http::Request;
using http::Responder;
using http::Response;

// GET /<collection>/{id}/inzage: the record and every processing of it, as one document.
void Inzage(Context& ctx, const ResourceSpec& spec, Request& req, const Responder& respond) {
  Result<Tenant> tenant = RequireTenant(ctx, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const std::string& id = req.Param("id");
  if (!IsUuid(id)) return respond(http::Problem(Status::NotFound("Onbekend."), req.path));

  Processing entry =
      StartProcessing(ctx, req, *tenant, spec.subject_kind + ".inzage", spec.subject_kind, id);
  storage::ReadLease lease = ctx.db.Read();
  Result<std::string> body = ctx.Store(spec.collection).Find(*lease, tenant->code, id);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<std::vector<std::string>> log =
      ProcessingLog::ForSubject(*lease, tenant->code, entry.subject);
  if (!log.ok()) return respond(http::Problem(log.status(), req.path));

  json::Writer w;
  w.StartObject()
      .Key(spec.singular)
      .Raw(WithUrl(ResourceUrl(ctx, req, spec.collection, id), *body));
  w.Key("verwerkingen").StartArray();
  for (const std::string& e : *log) w.Raw(e);
  w.EndArray().Field("opgesteldOp", FormatRfc3339(ctx.clock.Now())).EndObject();
  ctx.processing.Record(std::move(entry));
  respond(Response::Json(200, w.Take()));
}

// DELETE /hulpvragen/{id}/hulpvrager
void EraseRequester(Context& ctx, Request& req, const Responder& respond) {
  Result<Tenant> tenant = RequireTenant(ctx, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const std::string id = req.Param("id");
  if (!IsUuid(id)) return respond(http::Problem(Status::NotFound("Onbekend."), req.path));

  Processing entry = StartProcessing(ctx, req, *tenant, "hulpvrager.wissen", "hulpvrager", id);
  const std::string code = tenant->code;
  const std::string base = NotificationBase(ctx, req.base_url);
  ctx.db.Submit(
      [&ctx, code, id, entry, base](storage::Connection& c) {
        return AnonymiseHulpvraag(ctx, c, code, id, entry, base);
      },
      [respond, req](const Status& status) {
        Answer(respond, req, status, [] { return Response::NoContent(); });
      });
}

// POST /bewaartermijncontroles
void Retention(Context& ctx, Request& req, const Responder& respond) {
  Result<Tenant> tenant = RequireTenant(ctx, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  const Clock& clock = ctx.clock;
  RunRetention(ctx, *tenant, req.claims->client_id,
               [respond, path = req.path, &clock](Result<RetentionCounts> counts) {
                 if (!counts.ok()) return respond(http::Problem(counts.status(), path));
                 json::Writer w;
                 w.StartObject()
                     .Field("gewisteVrijwilligers", counts->volunteers_erased)
                     .Field("geanonimiseerdeHulpvragen", counts->requests_anonymised)
                     .Field("verwijderdeVerwerkingen", counts->log_entries_removed)
                     .Field("uitgevoerdOp", FormatRfc3339(clock.Now()))
                     .EndObject();
                 respond(Response::Json(200, w.Take()));
               });
}

// GET /verwerkingen
void Processings(Context& ctx, Request& req, const Responder& respond) {
  Result<Tenant> tenant = RequireTenant(ctx, req);
  if (!tenant.ok()) return respond(http::Problem(tenant.status(), req.path));
  Result<PageRequest> page = PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));

  std::optional<std::string> subject;
  for (const auto& [name, value] : req.query) {
    if (name == "page" || name == "pageSize") continue;
    if (name != "betrokkene") {
      return respond(http::Problem(
          Status::InvalidField(name, "unknown-parameter", "is geen filter van deze lijst"),
          req.path));
    }
    if (value.size() != 64 || value.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return respond(http::Problem(
          Status::InvalidField(name, "invalid-filter", "moet een pseudoniem van 64 hextekens zijn"),
          req.path));
    }
    subject = value;
  }

  storage::ReadLease lease = ctx.db.Read();
  Result<ProcessingLog::Listing> listing =
      ProcessingLog::List(*lease, tenant->code, subject, page->page, page->page_size);
  if (!listing.ok()) return respond(http::Problem(listing.status(), req.path));
  respond(Response::Json(200, ListBody(req, listing->count, *page, listing->documents)));
}

}  // namespace

void AddPrivacyRoutes(Context& ctx, http::Server& server) {
  Context* c = &ctx;
  const std::string& p = ctx.prefix;
  server.Add({"GET", p + "/vrijwilligers/{id}/inzage", kScopeRead,
              [c](Request& r, const Responder& s) { Inzage(*c, VrijwilligerSpec(), r, s); }});
  server.Add({"GET", p + "/hulpvragen/{id}/inzage", kScopeRead,
              [c](Request& r, const Responder& s) { Inzage(*c, HulpvraagSpec(), r, s); }});
  server.Add({"DELETE", p + "/hulpvragen/{id}/hulpvrager", kScopeWrite,
              [c](Request& r, const Responder& s) { EraseRequester(*c, r, s); }});
  server.Add({"POST", p + "/bewaartermijncontroles", kScopeAdmin,
              [c](Request& r, const Responder& s) { Retention(*c, r, s); }});
  server.Add({"GET", p + "/verwerkingen", kScopeAdmin,
              [c](Request& r, const Responder& s) { Processings(*c, r, s); }});
}

}  // namespace vc::registration
