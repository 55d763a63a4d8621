#include "storage/schema.h"

#include "vc/notifications/outbox.h"

namespace vc::subsidies {

// Amounts are INTEGER cents; days are INTEGER days since 1970-01-01; receipt times INTEGER
// milliseconds since the epoch, so order-of-receipt comparisons are exact.
const std::vector<storage::Migration>& Migrations() {
  static const std::vector<storage::Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE regelingen (
  id TEXT PRIMARY KEY,
  gemeente TEXT NOT NULL,
  naam TEXT NOT NULL,
  soort TEXT NOT NULL,
  periode_begin INTEGER NOT NULL,
  periode_eind INTEGER NOT NULL,
  sluitingsdatum INTEGER,
  plafond INTEGER,
  max_per_aanvraag INTEGER,
  deels_verlenen INTEGER NOT NULL,
  verdeling TEXT NOT NULL,
  verplichte_documenten TEXT NOT NULL,
  geen_verslag_onder INTEGER NOT NULL,
  activiteitenverslag_tot INTEGER NOT NULL,
  beslistermijn_weken INTEGER NOT NULL,
  vaststellingstermijn_weken INTEGER NOT NULL,
  verantwoording_uiterlijk INTEGER,
  verplichtingen TEXT NOT NULL,
  geboekt INTEGER NOT NULL DEFAULT 0 CHECK (plafond IS NULL OR geboekt <= plafond),
  aangemaakt_op TEXT NOT NULL
);
CREATE INDEX regelingen_gemeente ON regelingen (gemeente, aangemaakt_op);

CREATE TABLE aanvragen (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  gemeente TEXT NOT NULL,
  regeling_id TEXT NOT NULL REFERENCES regelingen (id),
  organisatie_id TEXT NOT NULL,
  omschrijving TEXT NOT NULL,
  status TEXT NOT NULL,
  aangevraagd INTEGER NOT NULL,
  verleend INTEGER NOT NULL DEFAULT 0,
  voorschotten INTEGER NOT NULL DEFAULT 0,
  vastgesteld INTEGER NOT NULL DEFAULT 0,
  betaald INTEGER NOT NULL DEFAULT 0,
  teruggevorderd INTEGER NOT NULL DEFAULT 0,
  vastgesteld_dag INTEGER,
  verantwoording_dag INTEGER,
  niveau TEXT NOT NULL,
  punten INTEGER,
  ontvangen_ms INTEGER,
  kanaal TEXT NOT NULL,
  ingevoerd_door TEXT NOT NULL,
  ingevoerd_op TEXT NOT NULL,
  weigeringsreden TEXT NOT NULL DEFAULT '',
  lager_grond TEXT,
  vaststelling_toelichting TEXT NOT NULL DEFAULT '',
  aangemaakt_op TEXT NOT NULL,
  gewijzigd_op TEXT NOT NULL
);
CREATE INDEX aanvragen_gemeente ON aanvragen (gemeente, volgnummer);
CREATE INDEX aanvragen_regeling ON aanvragen (regeling_id, ontvangen_ms, volgnummer);

CREATE TABLE stappen (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  aanvraag_id TEXT NOT NULL REFERENCES aanvragen (id),
  gemeente TEXT NOT NULL,
  actie TEXT NOT NULL,
  van TEXT NOT NULL,
  naar TEXT NOT NULL,
  bedrag INTEGER NOT NULL,
  reden TEXT NOT NULL,
  grond TEXT,
  door TEXT NOT NULL,
  op TEXT NOT NULL
);
CREATE INDEX stappen_aanvraag ON stappen (aanvraag_id, volgnummer);

CREATE TABLE vergoedingen (
  volgnummer INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  gemeente TEXT NOT NULL,
  organisatie_id TEXT NOT NULL,
  vrijwilliger TEXT NOT NULL,
  leeftijdsklasse TEXT NOT NULL,
  jaar INTEGER NOT NULL,
  maand INTEGER NOT NULL,
  bedrag INTEGER NOT NULL,
  minuten INTEGER NOT NULL,
  geregistreerd_door TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL
);
CREATE INDEX vergoedingen_vrijwilliger ON vergoedingen (gemeente, vrijwilliger, jaar, maand);

CREATE TABLE documenten (
  id TEXT PRIMARY KEY,
  gemeente TEXT NOT NULL,
  soort TEXT NOT NULL,
  ouder_id TEXT,
  inhoud TEXT NOT NULL,
  aangemaakt_op TEXT NOT NULL
);
CREATE INDEX documenten_soort ON documenten (gemeente, soort, ouder_id, aangemaakt_op);
)sql"},
      // The outbox of notifications; the application page's indexes for each filter (the
      // gemeente alone has aanvragen_gemeente).
      {2, std::string(notifications::SchemaSql()) + R"sql(
CREATE INDEX aanvragen_gemeente_regeling ON aanvragen (gemeente, regeling_id, volgnummer);
CREATE INDEX aanvragen_gemeente_status ON aanvragen (gemeente, status, volgnummer);
)sql"},
      // The open deadline of each application (domain/deadline.h), written at every step, so
      // that the deadline list pages on an index. The UPDATE fills it in for stores from before,
      // with the rules as the list computed them until then.
      {3, R"sql(
ALTER TABLE aanvragen ADD COLUMN termijn_soort TEXT;
ALTER TABLE aanvragen ADD COLUMN termijn_dag INTEGER;
UPDATE aanvragen SET
  termijn_soort = (SELECT
    CASE WHEN aanvragen.status IN ('ingediend', 'in_behandeling') THEN 'beslissing'
         WHEN aanvragen.status = 'verantwoording_ingediend' THEN 'vaststelling'
         WHEN aanvragen.niveau = 'geen_verantwoording' THEN 'vaststelling'
         ELSE 'verantwoording' END
    FROM regelingen r WHERE r.id = aanvragen.regeling_id),
  termijn_dag = (SELECT
    CASE WHEN aanvragen.status IN ('ingediend', 'in_behandeling')
           THEN aanvragen.ontvangen_ms / 86400000 + r.beslistermijn_weken * 7
         WHEN aanvragen.status = 'verantwoording_ingediend'
           THEN aanvragen.verantwoording_dag + r.vaststellingstermijn_weken * 7
         WHEN aanvragen.niveau = 'geen_verantwoording'
           THEN r.periode_eind + r.vaststellingstermijn_weken * 7
         ELSE r.verantwoording_uiterlijk END
    FROM regelingen r WHERE r.id = aanvragen.regeling_id)
WHERE status IN ('ingediend', 'in_behandeling', 'verleend', 'deels_verleend',
  'voorschot_betaald', 'verantwoording_ingediend');
UPDATE aanvragen SET termijn_soort = NULL WHERE termijn_dag IS NULL;
CREATE INDEX aanvragen_termijnen ON aanvragen (gemeente, termijn_dag, volgnummer)
  WHERE termijn_dag IS NOT NULL;
)sql"},
  };
  return kMigrations;
}

}  // namespace vc::subsidies
