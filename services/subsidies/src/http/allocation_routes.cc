#include "domain/money.h"
#include "http/codec.h"
#include "http/routes.h"
#include "storage/allocation.h"
#include "vc/core/uuid.h"
#include "vc/http/problem.h"
#include "vc/json/reader.h"
#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::subsidies {
namespace {

using http::Request;
using http::Responder;

Result<std::vector<Assessment>> ReadAssessments(const rapidjson::Value& body) {
  json::ObjectReader r(body);
  std::vector<Assessment> out;
  const rapidjson::Value* list = r.Array("beoordelingen", {true, 1000, false});
  for (rapidjson::SizeType i = 0; list && i < list->Size(); ++i) {
    json::ObjectReader item = r.Child((*list)[i], "beoordelingen[" + std::to_string(i) + "]");
    Assessment a;
    a.application_id = item.String("aanvraag", {true, false, true, 36, 36}).value_or("");
    if (!a.application_id.empty() && !IsUuid(a.application_id)) {
      item.AddProblem(item.PathOf("aanvraag"), json::codes::kFormat, "moet een UUID zijn");
    }
    a.approved = item.Integer("goedgekeurdBedrag", {true, false, 0, kMaxCents}).value_or(0);
    a.points = item.Integer("punten", {false, false, 0, 1000000}).value_or(0);
    item.RejectUnknown();
    r.Absorb(item);
    out.push_back(std::move(a));
  }
  r.RejectUnknown();
  VC_RETURN_IF_ERROR(r.Finish());
  return out;
}

// One write divides the ceiling over every assessed application; the answer lists each
// outcome as the step it became.
void Divide(Context& ctx, const std::string& gemeente, Request& req, const Responder& respond) {
  const std::string id = req.Param("id");
  if (!IsUuid(id)) {
    return respond(http::Problem(Status::NotFound("Deze regeling bestaat niet."), req.path));
  }
  Result<rapidjson::Document> body = ParseBody(req);
  if (!body.ok()) return respond(http::Problem(body.status(), req.path));
  Result<std::vector<Assessment>> assessments = ReadAssessments(*body);
  if (!assessments.ok()) return respond(http::Problem(assessments.status(), req.path));

  auto input = std::make_shared<std::vector<Assessment>>(std::move(assessments).value());
  auto result = std::make_shared<AllocationResult>();
  const std::string by = ActorOf(req);
  const std::string api_url = PublishedApiUrl(ctx, req);
  ctx.db.Submit(
      [&ctx, input, result, gemeente, id, by, api_url](storage::Connection& c) -> Status {
        Result<AllocationResult> done = Allocate(c, ctx.clock, gemeente, id, *input, by, api_url);
        if (!done.ok()) return done.status();
        *result = std::move(done).value();
        return Status::Ok();
      },
      [&ctx, req, respond, result, gemeente, id](const Status& status) {
        if (status.ok()) {
          log::Info(
              "subsidies.verdeling",
              {{"gemeente", gemeente}, {"regeling", id}, {"aanvragen", result->outcomes.size()}});
        }
        Answer(respond, req, status, [&] {
          std::vector<std::string> items;
          for (const StepOutcome& o : result->outcomes) {
            const std::string url = UrlOf(ctx, req, "/aanvragen/" + o.application.id);
            items.push_back(StepJson(o.record, url + "/stappen/" + o.record.id));
          }
          return http::Response::Json(200, ListJson(static_cast<int64_t>(items.size()), items));
        });
      });
}

}  // namespace

void AddAllocationRoutes(Context& ctx, http::Server& server) {
  AddTenantRoutes(ctx, server, {{"POST", "/regelingen/{id}/verdelingen", kScopeManage, Divide}});
}

}  // namespace vc::subsidies
