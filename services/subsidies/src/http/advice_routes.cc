#include "domain/money.h"
#include "domain/procurement.h"
#include "http/routes.h"
#include "vc/http/problem.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;

struct AdviceRequest {
  PurchaseKind kind = PurchaseKind::kServices;
  int64_t value = 0;
  int day = 0;
};

Result<AdviceRequest> ReadAdvice(const rapidjson::Value& body, int today) {
  json::ObjectReader r(body);
  AdviceRequest a;
  json::StringRule kind{true};
  kind.allowed = &PurchaseKindNames();
  a.kind = ParsePurchaseKind(r.String("soort", kind).value_or("")).value_or(a.kind);
  a.value = r.Integer("geraamdeWaarde", {true, false, 0, kMaxCents}).value_or(0);
  std::optional<std::string> on = r.String("peildatum", {false, false, true, 10, 10});
  a.day = today;
  if (on) {
    std::optional<int> day = ParseIsoDate(*on);
    if (!day) r.AddProblem("peildatum", json::codes::kFormat, "moet een datum JJJJ-MM-DD zijn");
    a.day = day.value_or(today);
  }
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  return a;
}

// A computation, not a stored resource: the same input on the same date gives the same advice.
void Advise(Context& ctx, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<AdviceRequest> in = ReadAdvice(*body, DaysSinceEpoch(ctx.clock.Now()));
  if (!in.ok()) return respond(http::Problem(in.status(), req.path));
  Result<ProcurementAdvice> advice = AdviseProcurement(in->kind, in->value, in->day);
  if (!advice.ok()) {
    Status s = advice.status().code() == Code::kNotFound
                   ? Status::Unprocessable(advice.status().message(),
                                           {{"peildatum", "unknown", "geen drempels bekend"}})
                   : advice.status();
    return respond(http::Problem(s, req.path));
  }

  json::Writer w;
  w.StartObject().Field("soort", PurchaseKindNames()[static_cast<size_t>(in->kind)]);
  w.Field("geraamdeWaarde", in->value).Field("peildatum", FormatIsoDate(in->day));
  w.Field("drempel", advice->threshold);
  w.Field("europeseAanbestedingVerplicht", advice->european_tender_required);
  w.Key("routes").StartArray();
  for (const Route& route : advice->routes) {
    w.StartObject().Field("route", route.name).Field("open", route.open);
    w.Field("reden", route.reason).EndObject();
  }
  w.EndArray().EndObject();
  respond(http::Response::Json(200, w.Take()));
}

}  // namespace

void AddAdviceRoutes(Context& ctx, http::Server& server) {
  server.Add({"POST", ctx.prefix + "/inkoopadviezen", kScopeRead,
              [&ctx](Request& q, const Responder& r) { Advise(ctx, q, r); }});
}

}  // namespace vc::subsidies
