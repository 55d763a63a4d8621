#include "vc/notifications/receiver.h"

#include "vc/core/clock.h"
#include "vc/http/problem.h"

namespace vc::notifications {
namespace {

// Compares in time independent of where the texts differ, so the value cannot be guessed
// byte by byte from response times.
bool SameSecret(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

}  // namespace

std::string ReceiptKey(const Message& m) {
  if (!m.id.empty()) return m.id;
  return m.kanaal + " " + m.resource_url + " " + m.actie + " " + m.aanmaakdatum;
}

Receiver::Receiver(storage::Database& db, std::string expected_auth, Apply apply)
    : db_(db), expected_auth_(std::move(expected_auth)), apply_(std::move(apply)) {}

void Receiver::Handle(http::Request& req, const http::Responder& respond) const {
  const std::string* given = req.Header("authorization");
  if (!given || !SameSecret(*given, expected_auth_)) {
    return respond(http::Problem(
        Status(Code::kUnauthenticated, "De header Authorization ontbreekt of klopt niet."),
        req.path));
  }
  Result<Message> parsed = ParseMessage(req.body);
  if (!parsed.ok()) return respond(http::Problem(parsed.status(), req.path));
  if (parsed->kanaal == "test") return respond(http::Response::NoContent());

  auto message = std::make_shared<Message>(std::move(parsed).value());
  const std::string now = FormatRfc3339(SystemClock::Instance().Now());
  Apply apply = apply_;
  db_.Submit(
      [message, now, apply](storage::Connection& c) -> Status {
        Result<storage::Statement*> receipt = c.Prepare(
            "INSERT OR IGNORE INTO ontvangen_notificaties (id, ontvangen_op) VALUES (?, ?)");
        if (!receipt.ok()) return receipt.status();
        VC_RETURN_IF_ERROR((*receipt)->Bind(1, ReceiptKey(*message)).Bind(2, now).Run());
        if (c.Changes() == 0) return Status::Ok();  // a redelivery: applied before
        return apply(c, *message);
      },
      [respond, path = req.path](const Status& status) {
        respond(status.ok() ? http::Response::NoContent() : http::Problem(status, path));
      });
}

http::Route Receiver::MakeRoute(std::string path) const {
  return {"POST", std::move(path), "",
          [this](http::Request& req, const http::Responder& respond) { Handle(req, respond); }};
}

}  // namespace vc::notifications
