#include "http/context.h"

#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/parse.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

Result<int64_t> QueryNumber(const http::Request& req, const char* name, int64_t fallback,
                            int64_t max) {
  std::optional<std::string> text = req.Query(name);
  if (!text) return fallback;
  const bool digits =
      !text->empty() && text->size() <= 7 && text->find_first_not_of("0123456789") == std::string::npos;
  const int64_t value = digits ? std::stoll(*text) : 0;
  if (value < 1 || value > max) {
    return Status::InvalidField(name, "out-of-range",
                                "moet een geheel getal van 1 tot en met " + std::to_string(max) +
                                    " zijn");
  }
  return value;
}

}  // namespace

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

Result<Slice> SliceOf(const http::Request& req) {
  Result<int64_t> page = QueryNumber(req, "page", 1, 1000000);
  if (!page.ok()) return page.status();
  Result<int64_t> size = QueryNumber(req, "pageSize", 20, 100);
  if (!size.ok()) return size.status();
  return Slice{(*page - 1) * *size, *size};
}

std::string UrlOf(const Context& ctx, const http::Request& req, const std::string& rest) {
  return req.base_url + ctx.prefix + rest;
}

std::string ListJson(int64_t count, const std::vector<std::string>& results) {
  json::Writer w;
  w.StartObject().Field("count", count).Key("results").StartArray();
  for (const std::string& r : results) w.Raw(r);
  w.EndArray().EndObject();
  return w.Take();
}

Status CheckOrganisation(const Context& ctx, const http::Request& req, const std::string& id) {
  if (!ctx.registratie) return Status::Ok();
  client::Call call;
  call.target = "/organisaties/" + id;
  const std::string* auth = req.Header("authorization");
  if (auth && auth->size() > 7) call.bearer = auth->substr(7);
  call.request_id = req.request_id;

  Result<client::Reply> reply = ctx.registratie->Send(call);
  if (!reply.ok() || reply->status >= 500) {
    return Status(Code::kUnavailable, "De registratiedienst is niet bereikbaar.");
  }
  if (reply->status == 200) return Status::Ok();
  return Status::Unprocessable("Deze organisatie is niet bekend bij de registratie.",
                               {{"organisatie", "unknown", "is niet bekend bij de registratie"}});
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
