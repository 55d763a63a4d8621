#include "storage/schema.h"

#include "vc/notifications/outbox.h"

namespace vc::registration {

// Every resource table has the same frame: id, the owning gemeente, the stored JSON document
// (what GET returns, minus its url), the two times, and the columns that lists filter on or
// that other rows refer to. Column names must match the `column` of the resource's FieldSpec;
// a test checks that they do.
const std::vector<storage::Migration>& Migrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE instellingen (naam TEXT PRIMARY KEY, waarde TEXT NOT NULL);

CREATE TABLE gemeenten (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL UNIQUE, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE);

CREATE TABLE organisaties (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  kvk_nummer TEXT, soort TEXT, postcode TEXT, wijk TEXT, is_steunpunt INTEGER,
  UNIQUE (gemeente, kvk_nummer));
CREATE INDEX ix_organisaties_lijst ON organisaties (gemeente, aangemaakt_op, id);

CREATE TABLE steunpunten (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  soort TEXT, organisatie TEXT REFERENCES organisaties (id), wijk TEXT);
CREATE INDEX ix_steunpunten_lijst ON steunpunten (gemeente, aangemaakt_op, id);
CREATE INDEX ix_steunpunten_organisatie ON steunpunten (organisatie);

CREATE TABLE vrijwilligers (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  postcode TEXT, wijk TEXT, wil_offline_hulp INTEGER,
  steunpunt TEXT REFERENCES steunpunten (id));
CREATE INDEX ix_vrijwilligers_lijst ON vrijwilligers (gemeente, aangemaakt_op, id);
CREATE INDEX ix_vrijwilligers_postcode ON vrijwilligers (gemeente, postcode, aangemaakt_op, id);
CREATE INDEX ix_vrijwilligers_wijk ON vrijwilligers (gemeente, wijk, aangemaakt_op, id);
CREATE INDEX ix_vrijwilligers_steunpunt ON vrijwilligers (steunpunt);
CREATE INDEX ix_vrijwilligers_gewijzigd ON vrijwilligers (gemeente, gewijzigd_op);

CREATE TABLE vacatures (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  organisatie TEXT NOT NULL REFERENCES organisaties (id), postcode TEXT, wijk TEXT,
  status TEXT);
CREATE INDEX ix_vacatures_lijst ON vacatures (gemeente, aangemaakt_op, id);
CREATE INDEX ix_vacatures_organisatie ON vacatures (organisatie);

CREATE TABLE hulpvragen (
  id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, body TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL, gewijzigd_op TEXT NOT NULL,
  kanaal TEXT, steunpunt TEXT REFERENCES steunpunten (id), postcode TEXT, wijk TEXT,
  status TEXT, geanonimiseerd INTEGER NOT NULL DEFAULT 0);
CREATE INDEX ix_hulpvragen_lijst ON hulpvragen (gemeente, aangemaakt_op, id);
CREATE INDEX ix_hulpvragen_steunpunt ON hulpvragen (steunpunt);

-- The processing log (Logboek Dataverwerkingen): who did what with whose data, when. The data
-- subject is a pseudonym, so the log keeps no personal data and survives an erasure.
CREATE TABLE verwerkingen (
  id TEXT NOT NULL, gemeente TEXT NOT NULL, trace_id TEXT NOT NULL, span_id TEXT NOT NULL,
  activiteit TEXT NOT NULL, betrokkene TEXT, betrokkene_soort TEXT, status TEXT NOT NULL,
  begonnen_op TEXT NOT NULL, beeindigd_op TEXT NOT NULL, client_id TEXT, request_id TEXT);
CREATE INDEX ix_verwerkingen_betrokkene ON verwerkingen (gemeente, betrokkene, begonnen_op);
CREATE INDEX ix_verwerkingen_lijst ON verwerkingen (gemeente, begonnen_op, id);
)sql"},
      // The notification outbox, subscriptions, deliveries and receipts (libs/notifications).
      {2, notifications::SchemaSql()},
      {3, R"sql(
-- The processing log again, with indexes whose inserts land on the last pages instead of
-- random ones. The subject index leads with a segment: 4,096 consecutive entries (the sequence
-- number shifted right by 12), so a new entry only touches the pages of the newest segment. A
-- subject's entries are found with one index seek per segment (processing_log.cc). Entries
-- without a subject are not in that index at all.
CREATE TABLE verwerkingen_v3 (
  volgnummer INTEGER PRIMARY KEY, segment INTEGER NOT NULL,
  id TEXT NOT NULL, gemeente TEXT NOT NULL, trace_id TEXT NOT NULL, span_id TEXT NOT NULL,
  activiteit TEXT NOT NULL, betrokkene TEXT, betrokkene_soort TEXT, status TEXT NOT NULL,
  begonnen_op TEXT NOT NULL, beeindigd_op TEXT NOT NULL, client_id TEXT, request_id TEXT);
INSERT INTO verwerkingen_v3
  SELECT rowid, rowid >> 12, id, gemeente, trace_id, span_id, activiteit, betrokkene,
         betrokkene_soort, status, begonnen_op, beeindigd_op, client_id, request_id
  FROM verwerkingen ORDER BY rowid;
DROP TABLE verwerkingen;
ALTER TABLE verwerkingen_v3 RENAME TO verwerkingen;
CREATE INDEX ix_verwerkingen_betrokkene ON verwerkingen (gemeente, segment, betrokkene)
  WHERE betrokkene IS NOT NULL;
CREATE INDEX ix_verwerkingen_lijst ON verwerkingen (gemeente, begonnen_op);

-- Most volunteers have no wijk or steunpunt: those rows need no entry in these indexes.
DROP INDEX ix_vrijwilligers_wijk;
CREATE INDEX ix_vrijwilligers_wijk ON vrijwilligers (gemeente, wijk, aangemaakt_op, id)
  WHERE wijk IS NOT NULL;
DROP INDEX ix_vrijwilligers_steunpunt;
CREATE INDEX ix_vrijwilligers_steunpunt ON vrijwilligers (steunpunt) WHERE steunpunt IS NOT NULL;
)sql"},
  };
  return kMigrations;
}

}  // namespace vc::registration
