#include "vc/notifications/outbox.h"

#include "vc/core/clock.h"

namespace vc::notifications {

// notificaties is the outbox in commit order (volgnummer). The dispatcher fans each one out
// into afleveringen, one per matching subscription, and moves its cursor in notificatie_stand
// in the same transaction, so a restart neither skips nor repeats a fan-out. Times that the
// dispatcher compares are integer milliseconds since the epoch.
const char* SchemaSql() {
  return R"sql(
CREATE TABLE notificaties (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  kanaal TEXT NOT NULL, hoofd_object TEXT NOT NULL, bericht TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL);

CREATE TABLE notificatie_stand (naam TEXT PRIMARY KEY, volgnummer INTEGER NOT NULL);

CREATE TABLE abonnementen (
  id TEXT PRIMARY KEY, callback_url TEXT NOT NULL, auth TEXT NOT NULL, kanalen TEXT NOT NULL,
  bron TEXT NOT NULL, aangemaakt_op TEXT NOT NULL);

CREATE TABLE afleveringen (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE,
  notificatie INTEGER NOT NULL REFERENCES notificaties (volgnummer),
  abonnement TEXT NOT NULL, hoofd_object TEXT NOT NULL, status TEXT NOT NULL,
  pogingen INTEGER NOT NULL DEFAULT 0, volgende_poging_op INTEGER NOT NULL,
  laatste_fout TEXT, UNIQUE (notificatie, abonnement));
CREATE INDEX ix_afleveringen_gepland ON afleveringen (status, volgende_poging_op);
CREATE INDEX ix_afleveringen_volgorde
  ON afleveringen (abonnement, hoofd_object, status, notificatie);

CREATE TABLE afleverpogingen (
  aflevering INTEGER NOT NULL REFERENCES afleveringen (id), tijdstip TEXT NOT NULL,
  http_status INTEGER, fout TEXT);
CREATE INDEX ix_afleverpogingen ON afleverpogingen (aflevering);

CREATE TABLE ontvangen_notificaties (id TEXT PRIMARY KEY, ontvangen_op TEXT NOT NULL);
)sql";
}

Status Append(storage::Connection& c, Message message) {
  if (message.kanaal.empty() || message.hoofd_object.empty() || message.actie.empty()) {
    return Status::Invalid("a notification needs kanaal, hoofdObject and actie");
  }
  if (message.id.empty()) message.id = TimeOrderedUuid();
  if (message.aanmaakdatum.empty())
    message.aanmaakdatum = FormatRfc3339(SystemClock::Instance().Now());

  Result<storage::Statement*> insert = c.Prepare(
      "INSERT INTO notificaties (id, kanaal, hoofd_object, bericht, aangemaakt_op) "
      "VALUES (?, ?, ?, ?, ?)");
  if (!insert.ok()) return insert.status();
  (*insert)
      ->Bind(1, message.id)
      .Bind(2, message.kanaal)
      .Bind(3, message.hoofd_object)
      .Bind(4, ToJson(message))
      .Bind(5, message.aanmaakdatum);
  return (*insert)->Run();
}

}  // namespace vc::notifications
