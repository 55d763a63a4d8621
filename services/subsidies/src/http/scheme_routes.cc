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

std::string SchemeUrl(const Context& ctx, const Request& req, const std::string& id) {
  return UrlOf(ctx, req, "/regelingen/" + id);
}

void Create(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<Scheme> parsed = SchemeFromJson(*body, ctx.default_tiers);
  if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));

  auto scheme = std::make_shared<Scheme>(std::move(parsed).value());
  scheme->id = NewUuid();
  scheme->gemeente = gemeente;
  scheme->created_at = FormatRfc3339(ctx.clock.Now());
  const std::string api_url = PublishedApiUrl(ctx, req);
  ctx.db.Submit(
      [scheme, api_url](storage::Connection& c) { return CreateScheme(c, *scheme, api_url); },
      [&ctx, req, respond, scheme](const Status& status) {
        if (status.ok()) {
          log::Info("subsidies.regeling_created",
                    {{"gemeente", scheme->gemeente}, {"regeling", scheme->id}});
        }
        Answer(respond, req, status, [&] {
          const std::string url = SchemeUrl(ctx, req, scheme->id);
          Response r = Response::Json(201, SchemeJson(*scheme, url));
          return std::move(r.With("Location", url));
        });
      });
}

void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<http::PageRequest> page = http::PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));

  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Listed<Scheme>> listed = ListSchemes(c, gemeente, SliceOf(*page));
    if (!listed.ok()) return listed.status();
    std::vector<std::string> items;
    for (const Scheme& s : listed->items) items.push_back(SchemeJson(s, SchemeUrl(ctx, req, s.id)));
    return PageJson(req, *page, listed->count, items);
  });
}

void Read(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  const std::string id = req.Param("id");

  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    if (!IsUuid(id)) return Status::NotFound("Deze regeling bestaat niet.");
    Result<Scheme> scheme = FindScheme(c, gemeente, id);
    if (!scheme.ok()) return scheme.status();
    return SchemeJson(*scheme, SchemeUrl(ctx, req, id));
  });
}

}  // namespace

void AddSchemeRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/regelingen", kScopeRead, List},
                      {"POST", "/regelingen", kScopeManage, Create},
                      {"GET", "/regelingen/{id}", kScopeRead, Read},
                  });
}

}  // namespace vc::subsidies
