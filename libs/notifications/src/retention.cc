#include "retention.h"

#include <algorithm>
#include <optional>

namespace vc::notifications {
namespace {

// The first column of the first row of `sql`, with `bind` applied first; nullopt when there
// is no row or the value is NULL.
template <typename Bind>
Result<std::optional<int64_t>> FirstNumber(storage::Connection& c, const char* sql, Bind bind) {
  Result<storage::Statement*> select = c.Prepare(sql);
  if (!select.ok()) return select.status();
  bind(**select);
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  std::optional<int64_t> value = *row ? (*select)->OptionalInt(0) : std::nullopt;
  (*select)->Reset();
  return value;
}

Result<std::optional<int64_t>> FirstNumber(storage::Connection& c, const char* sql) {
  return FirstNumber(c, sql, [](storage::Statement&) {});
}

// Runs `sql` with ?1 and ?2 bound and returns the number of rows it changed.
Result<int64_t> Changed(storage::Connection& c, const char* sql, int64_t first, int64_t second) {
  Result<storage::Statement*> statement = c.Prepare(sql);
  if (!statement.ok()) return statement.status();
  VC_RETURN_IF_ERROR((*statement)->Bind(1, first).Bind(2, second).Run());
  return c.Changes();
}

// Within the messages [?1, ?2). Finished deliveries: their receiver has the message, or no
// longer wants it.
constexpr const char* kAttemptsSql =
    "DELETE FROM afleverpogingen WHERE aflevering IN (SELECT id FROM afleveringen "
    "WHERE notificatie >= ?1 AND notificatie < ?2 AND status IN ('afgeleverd', 'vervallen'))";
constexpr const char* kDeliveriesSql =
    "DELETE FROM afleveringen WHERE notificatie >= ?1 AND notificatie < ?2 "
    "AND status IN ('afgeleverd', 'vervallen')";
constexpr const char* kMessagesSql =
    "DELETE FROM notificaties WHERE volgnummer >= ?1 AND volgnummer < ?2 AND NOT EXISTS "
    "(SELECT 1 FROM afleveringen WHERE notificatie = notificaties.volgnummer)";
// Receipts before ?1, at most ?2 of them, oldest first: none is kept, so each chunk starts at
// the front.
constexpr const char* kReceiptsSql =
    "DELETE FROM ontvangen_notificaties WHERE rowid IN (SELECT rowid FROM "
    "ontvangen_notificaties WHERE rowid < ?1 ORDER BY rowid LIMIT ?2)";

}  // namespace

Pruned& Pruned::operator+=(const Pruned& other) {
  notificaties += other.notificaties;
  afleveringen += other.afleveringen;
  afleverpogingen += other.afleverpogingen;
  ontvangen += other.ontvangen;
  return *this;
}

Result<PruneBounds> BoundsOf(storage::Connection& c, const std::string& cutoff) {
  // A target's cursor is the last message fanned out to it; with no cursor yet, none was.
  Result<std::optional<int64_t>> fanned =
      FirstNumber(c, "SELECT min(volgnummer) FROM notificatie_stand");
  if (!fanned.ok()) return fanned.status();
  Result<std::optional<int64_t>> oldest =
      FirstNumber(c, "SELECT min(volgnummer) FROM notificaties");
  if (!oldest.ok()) return oldest.status();
  // The scan passes the old messages still there: the ones this pass removes, and those that
  // a dead letter or pending delivery keeps.
  auto with_cutoff = [&cutoff](storage::Statement& s) { s.Bind(1, cutoff); };
  Result<std::optional<int64_t>> recent = FirstNumber(
      c,
      "SELECT volgnummer FROM notificaties WHERE aangemaakt_op >= ?1 ORDER BY volgnummer "
      "LIMIT 1",
      with_cutoff);
  if (!recent.ok()) return recent.status();
  Result<std::optional<int64_t>> newest =
      FirstNumber(c, "SELECT max(volgnummer) FROM notificaties");
  if (!newest.ok()) return newest.status();

  PruneBounds bounds;
  bounds.next_message = oldest->value_or(0);
  const int64_t old_end = recent->value_or(newest->value_or(0) + 1);
  bounds.message_end = std::min(old_end, fanned->value_or(0) + 1);

  Result<std::optional<int64_t>> receipt = FirstNumber(
      c, "SELECT rowid FROM ontvangen_notificaties WHERE ontvangen_op >= ?1 ORDER BY rowid LIMIT 1",
      with_cutoff);
  if (!receipt.ok()) return receipt.status();
  Result<std::optional<int64_t>> last_receipt =
      FirstNumber(c, "SELECT max(rowid) FROM ontvangen_notificaties");
  if (!last_receipt.ok()) return last_receipt.status();
  bounds.receipt_end = receipt->value_or(last_receipt->value_or(0) + 1);
  return bounds;
}

Result<Pruned> PruneChunk(storage::Connection& c, PruneBounds* bounds, int64_t chunk) {
  Pruned pruned;
  if (bounds->next_message < bounds->message_end) {
    const int64_t from = bounds->next_message;
    const int64_t to = std::min(from + chunk, bounds->message_end);
    Result<int64_t> attempts = Changed(c, kAttemptsSql, from, to);
    if (!attempts.ok()) return attempts.status();
    Result<int64_t> deliveries = Changed(c, kDeliveriesSql, from, to);
    if (!deliveries.ok()) return deliveries.status();
    Result<int64_t> messages = Changed(c, kMessagesSql, from, to);
    if (!messages.ok()) return messages.status();
    pruned.afleverpogingen = *attempts;
    pruned.afleveringen = *deliveries;
    pruned.notificaties = *messages;

    // The next message left after this range: kept ones and earlier passes leave gaps.
    Result<std::optional<int64_t>> next =
        FirstNumber(c, "SELECT min(volgnummer) FROM notificaties WHERE volgnummer >= ?1",
                    [to](storage::Statement& s) { s.Bind(1, to); });
    if (!next.ok()) return next.status();
    bounds->next_message = next->value_or(bounds->message_end);
  }

  Result<int64_t> receipts = Changed(c, kReceiptsSql, bounds->receipt_end, chunk);
  if (!receipts.ok()) return receipts.status();
  pruned.ontvangen = *receipts;

  pruned.more = bounds->next_message < bounds->message_end || pruned.ontvangen == chunk;
  return pruned;
}

}  // namespace vc::notifications
