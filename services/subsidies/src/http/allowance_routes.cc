#include <regex>

#include "domain/money.h"
#include "http/routes.h"
#include "storage/allowances.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;
using http::Response;

const std::regex kPseudonym("[A-Za-z0-9_-]{1,64}");

// The payment from a body; organisation and volunteer only when recording.
Result<AllowanceRecord> ReadPayment(const rapidjson::Value& body, bool recording) {
  json::ObjectReader r(body);
  AllowanceRecord rec;
  json::StringRule id_rule{true, false, true, 1, 64, &kPseudonym};
  rec.volunteer = r.String("vrijwilliger", id_rule).value_or("");
  if (recording) {
    rec.organisation_id = r.String("organisatie", {true, false, true, 36, 36}).value_or("");
    if (!rec.organisation_id.empty() && !IsUuid(rec.organisation_id)) {
      r.AddProblem("organisatie", json::codes::kFormat, "moet een UUID zijn");
    }
  }
  json::StringRule band{true};
  band.allowed = &AgeBandNames();
  rec.payment.band =
      ParseAgeBand(r.String("leeftijdsklasse", band).value_or("")).value_or(AgeBand::kFrom21);
  rec.payment.year = static_cast<int>(r.Integer("jaar", {true, false, 2000, 2100}).value_or(0));
  rec.payment.month = static_cast<int>(r.Integer("maand", {true, false, 1, 12}).value_or(0));
  rec.payment.amount = r.Integer("bedrag", {true, false, 0, kMaxCents}).value_or(0);
  rec.payment.minutes = r.Integer("minuten", {true, false, 1, 44640}).value_or(0);
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  return rec;
}

std::string CheckJson(const AllowanceCheck& c, const PaidSoFar& paid) {
  json::Writer w;
  w.StartObject().Field("binnenGrenzen", c.within).Field("overschreden", c.crossed);
  w.Field("uurgrens", c.hourly_limit).Field("betaaldInMaand", paid.month);
  w.Field("betaaldInJaar", paid.year).Key("ruimte").StartObject();
  w.Field("uur", c.hourly_headroom).Field("maand", c.month_headroom);
  w.Field("jaar", c.year_headroom).Field("kleinste", c.headroom).EndObject();
  w.Key("waarschuwing");
  if (c.within) {
    w.Null();
  } else {
    w.String(
        "Deze betaling gaat over een grens voor een onbelaste vrijwilligersvergoeding; "
        "boven de grens is de hele vergoeding belast, tenzij de kosten worden bewezen.");
  }
  w.EndObject();
  return w.Take();
}

Result<std::string> Checked(storage::Connection& c, const std::string& gemeente,
                            const AllowanceRecord& rec) {
  Result<PaidSoFar> paid = PaidTo(c, gemeente, rec.volunteer, rec.payment.year, rec.payment.month);
  if (!paid.ok()) return paid.status();
  Result<AllowanceCheck> check = CheckAllowance(rec.payment, *paid);
  if (!check.ok()) {
    return check.status().code() == Code::kNotFound
               ? Status::Unprocessable(check.status().message(),
                                       {{"jaar", "unknown", "geen grenzen bekend"}})
               : check.status();
  }
  return CheckJson(*check, *paid);
}

void CheckRoute(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<AllowanceRecord> rec = ReadPayment(*body, false);
  if (!rec.ok()) return respond(http::Problem(rec.status(), req.path));
  AnswerRead(ctx, req, respond, [&](storage::Connection& c) { return Checked(c, gemeente, *rec); });
}

// Records the payment (it was made) and answers with the check it gives, limits included:
// the sums and the insert run in one write, so two payments cannot both miss each other.
void Record(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<AllowanceRecord> parsed = ReadPayment(*body, true);
  if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));

  auto rec = std::make_shared<AllowanceRecord>(std::move(parsed).value());
  rec->id = NewUuid();
  rec->gemeente = gemeente;
  rec->recorded_by = ActorOf(req);
  rec->created_at = FormatRfc3339(ctx.clock.Now());
  auto check = std::make_shared<std::string>();
  ctx.db.Submit(
      [rec, check](storage::Connection& c) -> Status {
        Result<std::string> checked = Checked(c, rec->gemeente, *rec);
        if (!checked.ok()) return checked.status();
        *check = std::move(checked).value();
        return InsertAllowance(c, *rec);
      },
      [&ctx, req, respond, rec, check](const Status& status) {
        if (status.ok()) {
          log::Info("subsidies.vergoeding_recorded",
                    {{"gemeente", rec->gemeente}, {"id", rec->id}});
        }
        Answer(respond, req, status, [&] {
          const std::string url = UrlOf(ctx, req, "/vrijwilligersvergoedingen/" + rec->id);
          std::string out =
              "{\"url\":\"" + url + "\",\"id\":\"" + rec->id + "\",\"controle\":" + *check + "}";
          Response r = Response::Json(201, out);
          return std::move(r.With("Location", url));
        });
      });
}

void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<http::PageRequest> page = http::PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));
  const std::string volunteer = req.Query("vrijwilliger").value_or("");

  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Listed<AllowanceRecord>> listed = ListAllowances(c, gemeente, volunteer, SliceOf(*page));
    if (!listed.ok()) return listed.status();
    std::vector<std::string> items;
    for (const AllowanceRecord& r : listed->items) {
      json::Writer w;
      w.StartObject().Field("url", UrlOf(ctx, req, "/vrijwilligersvergoedingen/" + r.id));
      w.Field("id", r.id).Field("organisatie", r.organisation_id);
      w.Field("vrijwilliger", r.volunteer);
      w.Field("leeftijdsklasse", AgeBandNames()[static_cast<size_t>(r.payment.band)]);
      w.Field("jaar", r.payment.year).Field("maand", r.payment.month);
      w.Field("bedrag", r.payment.amount).Field("minuten", r.payment.minutes);
      w.Field("geregistreerdDoor", r.recorded_by).Field("aangemaaktOp", r.created_at);
      items.push_back(w.EndObject().Take());
    }
    return PageJson(req, *page, listed->count, items);
  });
}

}  // namespace

void AddAllowanceRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/vrijwilligersvergoedingen", kScopeRead, List},
                      {"POST", "/vrijwilligersvergoedingen", kScopeWrite, Record},
                      {"POST", "/vrijwilligersvergoedingcontroles", kScopeRead, CheckRoute},
                  });
}

}  // namespace vc::subsidies
