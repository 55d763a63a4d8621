// How long the outbox keeps what it no longer needs. Internal to vc_notifications; the
// dispatcher runs it (dispatcher.cc), one chunk per idle round.
//
// Without it every message, every finished delivery with its attempts and every receipt of a
// received message stays in the store for ever: under a steady load of writes the outbox
// became the largest table of the registration service (docs/notifications.md).
//
// A pass removes, once they are older than the retention period:
// - finished deliveries (afgeleverd, vervallen) and their attempts;
// - messages that every target has had (up to the lowest fan-out cursor) and that no
//   delivery refers to any more; a dead letter or a pending delivery keeps its message, so
//   that it can still be sent, whatever its age;
// - receipts of received messages (ontvangen_notificaties), which only guard against a
//   sender's redelivery; with the default settings this project's senders give up after at
//   most about 3 h 10 min (15 attempts: backoff 1 s doubling, capped at an hour, plus the
//   attempt timeouts), far inside any retention period counted in days.
// Age is the message's aanmaakdatum and the receipt's time of arrival.
//
// Not thread-safe: one pass at a time, on the dispatcher's thread.
#pragma once

#include <cstdint>
#include <string>

#include "vc/core/result.h"
#include "vc/storage/connection.h"

namespace vc::notifications {

// Where one pass stops, computed once at its start on a read connection, so that the chunks
// need no scan for it. Messages are numbered in commit order and stamped when appended, so
// the first one stamped at or after the cutoff bounds the old ones.
struct PruneBounds {
  int64_t next_message = 0;  // the oldest message not yet looked at
  int64_t message_end = 0;   // messages before this one are old and fanned out to everyone
  int64_t receipt_end = 0;   // receipts (by rowid) before this one are old
};
Result<PruneBounds> BoundsOf(storage::Connection& c, const std::string& cutoff);

struct Pruned {
  int64_t notificaties = 0;
  int64_t afleveringen = 0;
  int64_t afleverpogingen = 0;
  int64_t ontvangen = 0;
  bool more = false;  // call again: the pass has not reached its bounds yet

  Pruned& operator+=(const Pruned& other);
};

// Removes up to about `chunk` messages' worth of what the bounds allow, and moves
// bounds->next_message on. One call is one write transaction's work.
Result<Pruned> PruneChunk(storage::Connection& c, PruneBounds* bounds, int64_t chunk);

}  // namespace vc::notifications
