#include "domain/money.h"
#include "http/document_write.h"
#include "http/routes.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;

constexpr const char* kKind = "medefinanciering";

const std::vector<std::string>& FunderKinds() {
  static const std::vector<std::string> kNames = {"fonds", "bedrijf", "eigen_inkomsten", "overig"};
  return kNames;
}

Result<std::string> FundingJson(const rapidjson::Value& body, const std::string& id,
                                const std::string& at) {
  json::ObjectReader r(body);
  json::StringRule kind{true};
  kind.allowed = &FunderKinds();
  std::optional<std::string> funder = r.String("financier", {true});
  std::optional<std::string> sort = r.String("soort", kind);
  std::optional<int64_t> amount = r.Integer("bedrag", {true, false, 0, kMaxCents});
  std::optional<bool> promised = r.Bool("toegezegd");
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());

  json::Writer w;
  w.StartObject().Field("id", id).Field("financier", *funder).Field("soort", *sort);
  w.Field("bedrag", *amount).Field("toegezegd", promised.value_or(false));
  w.Field("aangemaaktOp", at).EndObject();
  return w.Take();
}

std::string AppUrl(const Context& ctx, const Request& req, const std::string& id) {
  return UrlOf(ctx, req, "/aanvragen/" + id);
}

void Create(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  const std::string app = req.Param("id");
  if (!IsUuid(app)) {
    return respond(http::Problem(Status::NotFound("Deze aanvraag bestaat niet."), req.path));
  }
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));

  auto doc = std::make_shared<StoredDocument>();
  doc->id = NewUuid();
  doc->created_at = FormatRfc3339(ctx.clock.Now());
  Result<std::string> json = FundingJson(*body, doc->id, doc->created_at);
  if (!json.ok()) return respond(http::Problem(json.status(), req.path));
  doc->gemeente = gemeente;
  doc->kind = kKind;
  doc->parent = app;
  doc->json = std::move(json).value();
  const std::string tenant = gemeente;
  SubmitDocument(
      ctx, req, respond, doc, AppUrl(ctx, req, app) + "/medefinancieringen/" + doc->id,
      [tenant, app](storage::Connection& c) { return FindApplication(c, tenant, app).status(); });
}

// The whole picture of an activity's funding: the municipal grant (or, before a decision,
// the amount asked) beside every other funder, all from stored facts.
void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  const std::string id = req.Param("id");
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    if (!IsUuid(id)) return Status::NotFound("Deze aanvraag bestaat niet.");
    Result<Application> a = FindApplication(c, gemeente, id);
    if (!a.ok()) return a.status();
    Result<Listed<StoredDocument>> listed = ListDocuments(c, gemeente, kKind, id, Slice{0, 1000});
    if (!listed.ok()) return listed.status();

    int64_t others = 0;
    json::Writer w;
    w.StartObject().Field("count", listed->count).Key("results").StartArray();
    for (const StoredDocument& d : listed->items) {
      rapidjson::Document parsed;
      parsed.Parse(d.json.c_str());
      if (parsed.IsObject() && parsed.HasMember("bedrag")) others += parsed["bedrag"].GetInt64();
      w.Raw(WithUrl(AppUrl(ctx, req, id) + "/medefinancieringen/" + d.id, d.json));
    }
    const bool decided = a->facts.granted > 0;
    const int64_t municipal = decided ? a->facts.granted : a->facts.requested;
    w.EndArray().Key("totalen").StartObject();
    w.Field("gemeente", municipal).Field("gemeenteVerleend", decided);
    w.Field("anderen", others).Field("geheel", municipal + others).EndObject().EndObject();
    return w.Take();
  });
}

}  // namespace

void AddFundingRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/aanvragen/{id}/medefinancieringen", kScopeRead, List},
                      {"POST", "/aanvragen/{id}/medefinancieringen", kScopeWrite, Create},
                  });
}

}  // namespace vc::subsidies
