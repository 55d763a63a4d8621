// The receiving side, for consuming services: a callback endpoint that checks the
// Authorization value, de-duplicates by message id, applies the change and answers 204.
// Delivery is at least once, so a redelivery must be harmless: the receipt (table
// ontvangen_notificaties of the outbox schema) and the change are written in one transaction,
// and a message whose receipt exists is answered 204 without applying it again.
//
// Thread-safe: Handle may run on any server thread.
#pragma once

#include <functional>
#include <string>

#include "vc/http/router.h"
#include "vc/notifications/message.h"
#include "vc/storage/database.h"

namespace vc::notifications {

class Receiver {
 public:
  // Runs inside the receipt's write; an error rolls both back and is answered as a problem
  // (so the sender retries a 5xx later).
  using Apply = std::function<Status(storage::Connection&, const Message&)>;

  // db must hold the outbox schema and outlive the Receiver. expected_auth is the whole
  // Authorization value the subscription was given (e.g. "Bearer ...").
  Receiver(storage::Database& db, std::string expected_auth, Apply apply);

  // POST body: a Message. 401 for a missing or wrong Authorization, 400 naming the field for
  // a malformed message, 204 after applying (or for a duplicate, or the channel "test" that a
  // new subscription's check sends).
  void Handle(http::Request& request, const http::Responder& respond) const;

  // A public route (the Authorization value is checked here, not as a JWT) at path.
  http::Route MakeRoute(std::string path) const;

 private:
  storage::Database& db_;
  std::string expected_auth_;
  Apply apply_;
};

// The key a receipt is stored under: the message id, or for a message without one (from an
// external Open Notificaties) its channel, resource url, action and time.
std::string ReceiptKey(const Message& message);

}  // namespace vc::notifications
