#include "domain/procurement.h"

#include "domain/money.h"
#include "vc/core/clock.h"

namespace vc::subsidies {
namespace {

// Published every two years by the European Commission (for 2026-2027: Gedelegeerde
// Verordeningen of 2025); the social services threshold is fixed in the directive.
const std::vector<Thresholds>& Table() {
  static const std::vector<Thresholds> kTable = {
      {*ParseIsoDate("2024-01-01"), *ParseIsoDate("2025-12-31"), 22'100'000, 553'800'000,
       75'000'000},
      {*ParseIsoDate("2026-01-01"), *ParseIsoDate("2027-12-31"), 21'600'000, 540'400'000,
       75'000'000},
  };
  return kTable;
}

int64_t ThresholdFor(PurchaseKind kind, const Thresholds& t) {
  switch (kind) {
    case PurchaseKind::kWorks:
      return t.works;
    case PurchaseKind::kSocialServices:
      return t.social_services;
    case PurchaseKind::kServices:
    case PurchaseKind::kSupplies:
      return t.services_and_supplies;
  }
  return t.services_and_supplies;
}

std::vector<Route> RoutesFor(PurchaseKind kind, bool above, const std::string& threshold) {
  std::vector<Route> routes;
  routes.push_back(
      {"europese_aanbesteding", true,
       above ? "Verplicht: de geraamde waarde over de hele looptijd met opties is gelijk aan of "
               "hoger dan het drempelbedrag van " +
                   threshold +
                   (kind == PurchaseKind::kSocialServices
                        ? " (sociale en andere specifieke diensten: het verlichte regime)."
                        : ".")
             : "Mag, maar is niet verplicht: de waarde ligt onder het drempelbedrag van " +
                   threshold + "."});
  routes.push_back({"nationale_procedure", !above,
                    above ? "Niet toegestaan: boven het drempelbedrag is een Europese procedure "
                            "verplicht."
                          : "Onder het drempelbedrag: een nationale, meervoudig of enkelvoudig "
                            "onderhandse procedure volgens het inkoopbeleid van de gemeente en de "
                            "Gids Proportionaliteit."});
  routes.push_back({"subsidie", kind != PurchaseKind::kWorks,
                    kind == PurchaseKind::kWorks
                        ? "Niet passend: een werk dat de gemeente laat uitvoeren is een "
                          "opdracht, geen activiteit van de ontvanger."
                        : "Open als de gemeente een activiteit van de organisatie zelf "
                          "ondersteunt en geen prestatie voor zichzelf afneemt (Awb titel "
                          "4.2); dan is er geen overheidsopdracht."});
  routes.push_back({"inbesteding", true,
                    "Open als de gemeente de uitvoerder controleert als een eigen dienst, die "
                    "meer dan 80% van zijn werk voor haar doet en geen privaat kapitaal heeft "
                    "(quasi-inbesteding, Aanbestedingswet 2012 art. 2.24a)."});
  routes.push_back({"open_house", kind != PurchaseKind::kWorks,
                    kind == PurchaseKind::kWorks
                        ? "Niet passend voor werken."
                        : "Open als de gemeente iedere aanbieder die aan vooraf bekendgemaakte "
                          "voorwaarden voldoet toelaat, zonder selectie; dan is er geen "
                          "overheidsopdracht."});
  return routes;
}

}  // namespace

const std::vector<std::string>& PurchaseKindNames() {
  static const std::vector<std::string> kNames = {"diensten", "leveringen", "werken",
                                                  "sociale_diensten"};
  return kNames;
}

std::optional<PurchaseKind> ParsePurchaseKind(const std::string& name) {
  const std::vector<std::string>& names = PurchaseKindNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<PurchaseKind>(i);
  }
  return std::nullopt;
}

Result<Thresholds> ThresholdsOn(int day) {
  for (const Thresholds& t : Table()) {
    if (day >= t.valid_from && day <= t.valid_to) return t;
  }
  return Status::NotFound("Voor " + FormatIsoDate(day) + " zijn geen drempelbedragen bekend.");
}

Result<ProcurementAdvice> AdviseProcurement(PurchaseKind kind, int64_t value, int day) {
  VC_RETURN_IF_ERROR(CheckCents("geraamdeWaarde", value));
  Result<Thresholds> thresholds = ThresholdsOn(day);
  if (!thresholds.ok()) return thresholds.status();

  ProcurementAdvice advice;
  advice.threshold = ThresholdFor(kind, *thresholds);
  advice.european_tender_required = value >= advice.threshold;
  advice.routes = RoutesFor(kind, advice.european_tender_required, FormatEuro(advice.threshold));
  return advice;
}

}  // namespace vc::subsidies
