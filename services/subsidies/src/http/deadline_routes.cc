#include "http/routes.h"
#include "storage/deadlines.h"
#include "vc/http/problem.h"
#include "vc/json/writer.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;

void List(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  Result<http::PageRequest> page = http::PageOf(req);
  if (!page.ok()) return respond(http::Problem(page.status(), req.path));
  std::optional<std::string> overdue = req.Query("achterstallig");
  if (overdue && *overdue != "true" && *overdue != "false") {
    Status bad = Status::InvalidField("achterstallig", "enum", "moet true of false zijn");
    return respond(http::Problem(bad, req.path));
  }
  int today = DaysSinceEpoch(ctx.clock.Now());
  if (std::optional<std::string> on = req.Query("peildatum")) {
    std::optional<int> day = ParseIsoDate(*on);
    if (!day) {
      Status bad = Status::InvalidField("peildatum", "format", "moet een datum JJJJ-MM-DD zijn");
      return respond(http::Problem(bad, req.path));
    }
    today = *day;
  }

  AnswerRead(ctx, req, respond, [&](storage::Connection& c) -> Result<std::string> {
    Result<Listed<Deadline>> due =
        DeadlinesOf(c, gemeente, overdue == "true", today, SliceOf(*page));
    if (!due.ok()) return due.status();
    std::vector<std::string> items;
    for (const Deadline& d : due->items) {
      json::Writer w;
      w.StartObject().Field("aanvraag", UrlOf(ctx, req, "/aanvragen/" + d.application_id));
      w.Field("regeling", UrlOf(ctx, req, "/regelingen/" + d.scheme_id));
      w.Field("soort", d.kind).Field("uiterlijkDatum", FormatIsoDate(d.due));
      w.Field("achterstallig", d.due < today).EndObject();
      items.push_back(w.Take());
    }
    return PageJson(req, *page, due->count, items);
  });
}

}  // namespace

void AddDeadlineRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server,
                  {
                      {"GET", "/termijnen", kScopeRead, List},
                  });
}

}  // namespace vc::subsidies
