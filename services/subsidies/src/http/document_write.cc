#include "http/document_write.h"

#include "vc/log/log.h"

namespace vc::subsidies {

std::string WithUrl(const std::string& url, const std::string& json) {
  return "{\"url\":\"" + url + "\"," + json.substr(1);
}

void SubmitDocument(Context& ctx, const http::Request& req, const http::Responder& respond,
                    std::shared_ptr<StoredDocument> doc, const std::string& url,
                    std::function<Status(storage::Connection&)> check) {
  ctx.db.Submit(
      [doc, check](storage::Connection& c) -> Status {
        if (check) VC_RETURN_IF_ERROR(check(c));
        return InsertDocument(c, *doc);
      },
      [req, respond, doc, url](const Status& status) {
        if (status.ok()) {
          log::Info("subsidies.document_created",
                    {{"gemeente", doc->gemeente}, {"soort", doc->kind}, {"id", doc->id}});
        }
        Answer(respond, req, status, [&] {
          http::Response r = http::Response::Json(201, WithUrl(url, doc->json));
          return std::move(r.With("Location", url));
        });
      });
}

}  // namespace vc::subsidies
