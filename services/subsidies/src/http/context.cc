#include "http/context.h"

#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/parse.h"
#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::subsidies {

Result<std::string> TenantOf(const http::Request& req) {
  if (!req.claims || !req.claims->gemeente) {
    return Status(Code::kPermissionDenied, "Het token hoort niet bij een gemeente.");
  }
  return *req.claims->gemeente;
}

std::string ActorOf(const http::Request& req) {
  if (!req.claims) return "";
  return req.claims->user_id.value_or(req.claims->client_id);
}

bool HasScope(const http::Request& req, const char* scope) {
  return req.claims && req.claims->HasScope(scope);
}

Status RequireScope(const http::Request& req, const char* scope) {
  if (HasScope(req, scope)) return Status::Ok();
  return Status(Code::kPermissionDenied, std::string("Hiervoor is de scope ") + scope + " nodig.");
}

Result<rapidjson::Document> ParseBody(const http::Request& req) {
  return json::ParseObject(req.body);
}

Slice SliceOf(const http::PageRequest& page) { return Slice{page.offset(), page.page_size}; }

Result<std::string> PageJson(const http::Request& req, const http::PageRequest& page, int64_t count,
                             const std::vector<std::string>& results) {
  VC_RETURN_IF_ERROR(http::RequireExists(page, count));
  return http::ListBody(req, count, page, results);
}

std::string UrlOf(const Context& ctx, const http::Request& req, const std::string& rest) {
  return req.base_url + ctx.prefix + rest;
}

std::string PublishedApiUrl(const Context& ctx, const http::Request& req) {
  if (!ctx.public_url.empty()) return ctx.public_url + ctx.prefix;
  return (req.base_url.empty() ? "http://localhost" : req.base_url) + ctx.prefix;
}

std::string ListJson(int64_t count, const std::vector<std::string>& results) {
  json::Writer w;
  w.StartObject().Field("count", count).Key("results").StartArray();
  for (const std::string& r : results) w.Raw(r);
  w.EndArray().EndObject();
  return w.Take();
}

namespace {

// What registration's answer about an organisation means for the application.
Status OrganisationStatus(const Result<client::Reply>& reply, const std::string& request_id) {
  const int status = reply.ok() ? reply->status : 0;
  if (status == 200) return Status::Ok();
  if (status == 404) {
    return Status::Unprocessable(
        "Deze organisatie is niet bekend bij de registratie.",
        {{"organisatie", "unknown", "is geen organisatie van deze gemeente in de registratie"}});
  }
  if (status == 401 || status == 403) {
    return Status(Code::kPermissionDenied,
                  "De registratie weigert dit token, dus de organisatie is niet te controleren; "
                  "het token heeft daar de scope registratie.lezen nodig.");
  }
  log::Warn("subsidies.registratie_unavailable", {{"status", status}, {"request_id", request_id}});
  return Status(Code::kUnavailable,
                "De registratiedienst is niet bereikbaar, dus de organisatie is niet te "
                "controleren; probeer het later opnieuw.");
}

}  // namespace

void CheckOrganisation(const Context& ctx, const http::Request& req, const std::string& id,
                       std::function<void(const Status&)> then) {
  if (!ctx.registratie) return then(Status::Ok());
  client::Call call;
  call.target = "/organisaties/" + id;
  const std::string* auth = req.Header("authorization");
  if (auth && auth->size() > 7) call.bearer = auth->substr(7);
  call.request_id = req.request_id;

  ctx.registratie->SendAsync(
      call, [then = std::move(then), request_id = req.request_id](Result<client::Reply> reply) {
        then(OrganisationStatus(reply, request_id));
      });
}

http::Handler ForTenant(Context& ctx, TenantHandler handler) {
  return [&ctx, handler](http::Request& req, const http::Responder& respond) {
    Result<std::string> gemeente = TenantOf(req);
    if (!gemeente.ok()) return respond(http::Problem(gemeente.status(), req.path));
    handler(ctx, *gemeente, req, respond);
  };
}

void AddTenantRoutes(Context& ctx, http::Server& server, const std::vector<TenantRoute>& routes) {
  for (const TenantRoute& r : routes) {
    server.Add({r.method, ctx.prefix + r.path, r.scope, ForTenant(ctx, r.handler)});
  }
}

void Answer(const http::Responder& respond, const http::Request& req, const Status& status,
            const std::function<http::Response()>& make) {
  respond(status.ok() ? make() : http::Problem(status, req.path));
}

void AnswerRead(const Context& ctx, const http::Request& req, const http::Responder& respond,
                const std::function<Result<std::string>(storage::Connection&)>& read) {
  Result<std::string> body = [&]() -> Result<std::string> {
    storage::ReadLease lease = ctx.db.Read();
    return read(*lease);
  }();
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  respond(http::Response::Json(200, std::move(body).value()));
}

}  // namespace vc::subsidies
