#include "http/context.h"

#include "domain/pseudonym.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/parse.h"

namespace vc::registration {
namespace {

// The trace id of a W3C traceparent ("00-<32 hex>-<16 hex>-<2 hex>"), or a new one.
std::string TraceIdOf(const http::Request& req) {
  const std::string* tp = req.Header("traceparent");
  if (tp && tp->size() == 55 && (*tp)[2] == '-' && (*tp)[35] == '-') {
    std::string id = tp->substr(3, 32);
    if (id.find_first_not_of("0123456789abcdef") == std::string::npos) return id;
  }
  return RandomHex(16);
}

}  // namespace

Result<Tenant> RequireTenant(const Context& ctx, const http::Request& req) {
  if (!req.claims || !req.claims->gemeente) {
    return Status(Code::kPermissionDenied, "Het token hoort niet bij een gemeente.");
  }
  std::optional<Tenant> tenant = ctx.tenants.Find(*req.claims->gemeente);
  if (!tenant) {
    return Status(Code::kPermissionDenied,
                  "Gemeente " + *req.claims->gemeente + " is niet aangemeld bij deze dienst.");
  }
  return *tenant;
}

Result<rapidjson::Document> ParseBody(const http::Request& req) {
  return json::ParseObject(req.body);
}

std::string ResourceUrl(const Context& ctx, const http::Request& req, const std::string& collection,
                        const std::string& id) {
  return req.base_url + ctx.prefix + "/" + collection + "/" + id;
}

std::string WithUrl(const std::string& url, const std::string& body) {
  std::string out;
  out.reserve(url.size() + body.size() + 10);
  out += "{\"url\":\"";
  out += url;
  out += "\",";
  out.append(body, 1, std::string::npos);
  return out;
}

Processing StartProcessing(const Context& ctx, const http::Request& req, const Tenant& tenant,
                           const std::string& activity, const std::string& subject_kind,
                           const std::string& subject_id) {
  Processing p;
  p.gemeente = tenant.code;
  p.trace_id = TraceIdOf(req);
  p.span_id = RandomHex(8);
  p.activity = activity;
  p.subject_kind = subject_kind;
  if (!subject_id.empty()) p.subject = Pseudonym(ctx.pseudonym_key, subject_kind, subject_id);
  p.started = FormatRfc3339(ctx.clock.Now());
  p.ended = p.started;
  p.client_id = req.claims ? req.claims->client_id : "";
  p.request_id = req.request_id;
  return p;
}

void Answer(const http::Responder& respond, const http::Request& req, const Status& status,
            const std::function<http::Response()>& make_ok) {
  respond(status.ok() ? make_ok() : http::Problem(status, req.path));
}

}  // namespace vc::registration
