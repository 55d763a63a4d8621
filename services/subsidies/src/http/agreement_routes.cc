#include "http/agreement_codec.h"
#include "http/document_write.h"
#include "http/routes.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;

constexpr const char* kKind = "samenwerkingsovereenkomst";

std::string Url(const Context& ctx, const Request& req, const std::string& id) {
  return UrlOf(ctx, req, "/samenwerkingsovereenkomsten/" + id);
}

void Create(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<Agreement> agreement = AgreementFromJson(*body);
  if (!agreement.ok()) return respond(http::Problem(agreement.status(), req.path));

  auto doc = std::make_shared<StoredDocument>();
  doc->id = NewUuid();
  doc->gemeente = gemeente;
  doc->kind = kKind;
  doc->created_at = FormatRfc3339(ctx.clock.Now());
  doc->json = AgreementJson(*agreement, doc->id, doc->created_at);
  SubmitDocument(ctx, req, respond, doc, Url(ctx, req, doc->id), nullptr);
}

void Read(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  const std::string id = req.Param("id");
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    if (!IsUuid(id)) return Status::NotFound("Dit document bestaat niet.");
    Result<std::string> json = FindDocument(c, gemeente, kKind, id);
    if (!json.ok()) return json.status();
    return WithUrl(Url(ctx, req, id), *json);
  });
}

void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<http::PageRequest> page = http::PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Listed<StoredDocument>> listed = ListDocuments(c, gemeente, kKind, "", SliceOf(*page));
    if (!listed.ok()) return listed.status();
    std::vector<std::string> items;
    for (const StoredDocument& d : listed->items) {
      items.push_back(WithUrl(Url(ctx, req, d.id), d.json));
    }
    return PageJson(req, *page, listed->count, items);
  });
}

}  // namespace

void AddAgreementRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/samenwerkingsovereenkomsten", kScopeRead, List},
                      {"POST", "/samenwerkingsovereenkomsten", kScopeManage, Create},
                      {"GET", "/samenwerkingsovereenkomsten/{id}", kScopeRead, Read},
                  });
}

}  // namespace vc::subsidies
