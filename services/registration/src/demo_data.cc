#include "demo_data.h"

#include "domain/document.h"
#include "domain/resources.h"
#include "http/gemeente_routes.h"
#include "vc/core/uuid.h"
#include "vc/log/log.h"

namespace vc::registration {
namespace {

constexpr const char* kGemeente = R"({
  "code": "0363", "naam": "Amsterdam", "bewaartermijnMaanden": 24,
  "contactEmail": "vrijwilligerswerk@amsterdam.example",
  "wijken": [
    {"code": "centrum", "naam": "Centrum", "postcodegebieden": ["1011", "1012", "1013"]},
    {"code": "noord", "naam": "Noord", "postcodegebieden": ["1021", "1022", "1023"]},
    {"code": "zuidoost", "naam": "Zuidoost", "postcodegebieden": ["1101", "1102", "1103"]}
  ]})";

struct Item {
  const char* collection;
  const char* json;          // "$ORG" and "$STEUNPUNT" stand for the ids made earlier
  const char* id = nullptr;  // fixed, for what other services' demo data refers to; else new
};

// The organisations have fixed ids: the subsidy service's demo data applies on their behalf
// (services/subsidies/src/demo_data.h).
const Item kItems[] = {
    {"organisaties", R"({"naam": "Vrijwilligerscentrale Amsterdam", "kvkNummer": "41215678",
      "soort": "vrijwilligerscentrale", "postcode": "1012 AB", "isSteunpunt": true,
      "contact": {"email": "info@vca.example", "telefoon": "020 123 4567"}})",
     "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a01"},
    {"organisaties", R"({"naam": "Stichting Buurtkracht Noord", "kvkNummer": "63214587",
      "soort": "stichting", "postcode": "1022 AA"})",
     "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a02"},
    {"organisaties", R"({"naam": "Speeltuinvereniging De Bolder", "kvkNummer": "40598713",
      "soort": "vereniging", "postcode": "1102 AB"})",
     "5b1f0c2e-3a4d-4e6f-8a9b-0c1d2e3f4a03"},
    {"steunpunten", R"({"naam": "Bibliotheek Noord", "soort": "bibliotheek",
      "adres": {"straat": "Buikslotermeerplein", "huisnummer": "1", "postcode": "1025 XL",
                "plaats": "Amsterdam"},
      "openingstijden": [{"dag": "di", "van": "10:00", "tot": "17:00"},
                         {"dag": "do", "van": "10:00", "tot": "20:00"}],
      "coordinatoren": [{"naam": "Fatima el Amrani", "email": "f.elamrani@oba.example"}]})"},
    {"vrijwilligers", R"({"voornaam": "Anna", "achternaam": "de Vries",
      "email": "anna@example.nl", "postcode": "1012 AB", "vaardigheden": ["koken", "vervoer"],
      "beschikbaarheid": ["ma-ochtend", "wo-middag"], "talen": ["nl", "en"],
      "maxReisafstandKm": 5, "contactvoorkeur": "email",
      "toestemmingen": [{"doel": "matching", "gegevenOp": "2026-11-02T10:00:00Z",
                         "tekstVersie": "1.0"}]})"},
    {"vrijwilligers", R"({"voornaam": "Kees", "achternaam": "Bakker", "telefoon": "0612345678",
      "postcode": "1022 AA", "vaardigheden": ["klussen", "digitale-hulp"],
      "beschikbaarheid": ["di-middag", "do-middag"], "contactvoorkeur": "telefoon",
      "wilOfflineHulp": true, "steunpunt": "$STEUNPUNT"})"},
    {"vacatures", R"({"organisatie": "$ORG", "titel": "Maatje voor een oudere buurtbewoner",
      "omschrijving": "Wekelijks een kop koffie en een wandeling.",
      "vaardigheden": ["gezelschap"], "postcode": "1013 KA", "tijdsloten": ["wo-middag"],
      "urenPerWeek": 2, "begindatum": "2027-01-01", "vogVereist": true})"},
    {"hulpvragen", R"({"omschrijving": "Hulp bij het invullen van formulieren.",
      "vaardigheden": ["administratie"], "kanaal": "steunpunt", "steunpunt": "$STEUNPUNT",
      "hulpvrager": {"naam": "Mevrouw Jansen", "telefoon": "0201234567",
                     "contactvoorkeur": "persoonlijk", "wilOfflineHulp": true},
      "postcode": "1021 JK", "tijdsloten": ["do-ochtend"]})"},
};

std::string Substitute(std::string text, const std::string& org, const std::string& steunpunt) {
  for (auto [mark, value] :
       {std::pair<std::string, std::string>{"$ORG", org}, {"$STEUNPUNT", steunpunt}}) {
    for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark)) {
      text.replace(at, mark.size(), value);
    }
  }
  return text;
}

Result<std::string> Insert(Context& ctx, const Tenant& tenant, const ResourceSpec& spec,
                           const std::string& json, const char* id) {
  rapidjson::Document input;
  input.Parse(json.c_str());
  Result<rapidjson::Document> fields = Validate(spec, input, Mode::kCreate);
  if (!fields.ok()) return fields.status();
  Complete(spec, tenant, false, *fields);

  const std::string now = FormatRfc3339(ctx.clock.Now());
  DocumentMeta meta{id ? id : NewUuid(), now, now, RegistrarOf(spec, *fields, "demo")};
  StoredRecord record{meta.id, tenant.code, now, now, Compose(spec, *fields, meta)};
  const ResourceStore& store = ctx.Store(spec.collection);
  VC_RETURN_IF_ERROR(
      ctx.db.Write([&](storage::Connection& c) { return store.Insert(c, record, *fields); }));
  return meta.id;
}

}  // namespace

Status LoadDemoData(Context& ctx) {
  if (!ctx.tenants.All().empty()) return Status::Ok();

  rapidjson::Document gemeente;
  gemeente.Parse(kGemeente);
  Result<Tenant> tenant = CreateGemeente(ctx, gemeente);
  if (!tenant.ok()) return tenant.status();

  std::string org, steunpunt;
  for (const Item& item : kItems) {
    const ResourceSpec& spec = *[&] {
      for (const ResourceSpec* s : TenantSpecs()) {
        if (s->collection == item.collection) return s;
      }
      return TenantSpecs().front();
    }();
    Result<std::string> id =
        Insert(ctx, *tenant, spec, Substitute(item.json, org, steunpunt), item.id);
    if (!id.ok()) return id.status();
    if (spec.collection == "organisaties" && org.empty()) org = *id;
    if (spec.collection == "steunpunten") steunpunt = *id;
  }
  log::Info("demo.loaded", {{"gemeente", tenant->code}});
  return Status::Ok();
}

}  // namespace vc::registration
