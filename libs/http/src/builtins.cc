// The routes every service has: health, metrics and its own OpenAPI document.
#include "vc/http/problem.h"
#include "vc/http/server.h"

namespace vc::http {

void Server::AddBuiltins() {
  Add({"GET", "/health/live", "",
       [](Request&, const Responder& respond) {
         respond(Response::Json(200, R"({"status":"UP"})"));
       },
       "application/json", true});

  Add({"GET", "/health/ready", "",
       [this](Request& req, const Responder& respond) {
         Status ready = draining_.load() ? Status(Code::kUnavailable, "De dienst wordt afgesloten.")
                                         : (readiness_ ? readiness_() : Status::Ok());
         respond(ready.ok() ? Response::Json(200, R"({"status":"UP"})") : Problem(ready, req.path));
       },
       "application/json", true});

  Add({"GET", "/metrics", "",
       [this](Request&, const Responder& respond) {
         Response r = Response::Json(200, metrics_->Render());
         r.content_type = "text/plain; version=0.0.4";
         respond(std::move(r));
       },
       "text/plain", false});

  if (!options_.openapi_json.empty()) {
    Add({"GET", options_.prefix + "/openapi.json", "",
         [this](Request&, const Responder& respond) {
           respond(Response::Json(200, options_.openapi_json));
         },
         "application/json", true});
  }
  if (!options_.openapi_yaml.empty()) {
    Add({"GET", options_.prefix + "/openapi.yaml", "",
         [this](Request&, const Responder& respond) {
           Response r = Response::Json(200, options_.openapi_yaml);
           r.content_type = "application/yaml";
           respond(std::move(r));
         },
         "application/yaml", true});
  }
}

}  // namespace vc::http
