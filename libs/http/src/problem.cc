#include "vc/http/problem.h"

#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::http {
namespace {

struct Kind {
  int status;
  const char* title;
};

Kind KindOf(Code code) {
  switch (code) {
    case Code::kOk:
      return {200, "OK"};
    case Code::kInvalidArgument:
      return {400, "Bad Request"};
    case Code::kUnauthenticated:
      return {401, "Unauthorized"};
    case Code::kPermissionDenied:
      return {403, "Forbidden"};
    case Code::kNotFound:
      return {404, "Not Found"};
    case Code::kMethodNotAllowed:
      return {405, "Method Not Allowed"};
    case Code::kNotAcceptable:
      return {406, "Not Acceptable"};
    case Code::kRequestTimeout:
      return {408, "Request Timeout"};
    case Code::kConflict:
      return {409, "Conflict"};
    case Code::kTooLarge:
      return {413, "Content Too Large"};
    case Code::kUnsupportedMedia:
      return {415, "Unsupported Media Type"};
    case Code::kFailedPrecondition:
      return {422, "Unprocessable Content"};
    case Code::kUnavailable:
      return {503, "Service Unavailable"};
    case Code::kInternal:
      return {500, "Internal Server Error"};
  }
  return {500, "Internal Server Error"};
}

}  // namespace

int HttpStatusOf(Code code) { return KindOf(code).status; }

Response Problem(const Status& status, std::string_view instance) {
  const Kind kind = KindOf(status.code());
  std::string detail = status.message();
  if (status.code() == Code::kInternal) {
    // The detail of an internal error may name files or SQL; it goes to the log only.
    log::Error("http.internal_error", {{"detail", status.message()}, {"instance", instance}});
    detail = "Er ging iets mis aan onze kant. Probeer het later opnieuw.";
  }

  json::Writer w;
  w.StartObject()
      .Field("type", "about:blank")
      .Field("title", kind.title)
      .Field("status", kind.status)
      .Field("detail", detail)
      .Field("instance", std::string(instance));
  if (!status.fields().empty()) {
    w.Key("invalidParams").StartArray();
    for (const FieldProblem& f : status.fields()) {
      w.StartObject().Field("name", f.name).Field("code", f.code).Field("reason", f.reason);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();

  Response r = Response::Json(kind.status, w.Take());
  r.content_type = "application/problem+json";
  return r;
}

}  // namespace vc::http
