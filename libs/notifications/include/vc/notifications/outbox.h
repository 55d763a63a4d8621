// The transactional outbox: a service appends a notification inside the same write work as
// the change that causes it, so that one SQLite transaction holds both. A crash can then
// neither lose the notification of a committed change nor leave one for a change that rolled
// back. The Dispatcher (dispatcher.h) delivers what the outbox holds.
#pragma once

#include "vc/notifications/message.h"
#include "vc/storage/connection.h"

namespace vc::notifications {

// The SQL that creates the outbox, subscription, delivery and receipt tables. A service adds
// it as one of its numbered migrations (it must be applied once, never edited).
const char* SchemaSql();

// Stores the message for delivery. Call inside Database work (Submit/Write), next to the
// change; a message without an id gets a new one. Errors: kInvalidArgument when kanaal,
// hoofd_object or actie is empty; the storage errors otherwise.
Status Append(storage::Connection& connection, Message message);

}  // namespace vc::notifications
