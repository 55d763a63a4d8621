#include "domain/agreement.h"

#include <algorithm>

#include "vc/core/clock.h"

namespace vc::subsidies {

const std::vector<std::string>& PhaseNames() {
  static const std::vector<std::string> kNames = {"signalering", "verwijzing", "ondersteuning",
                                                  "nazorg"};
  return kNames;
}

const std::vector<std::string>& PdcaStepNames() {
  static const std::vector<std::string> kNames = {"plan", "do", "check", "act"};
  return kNames;
}

Status CheckAgreement(Agreement& a) {
  if (a.end <= a.start) {
    return Status::InvalidField("einddatum", "order", "ligt niet na ingangsdatum");
  }
  for (size_t i = 0; i < a.evaluations.size(); ++i) {
    if (a.evaluations[i].day < a.start || a.evaluations[i].day > a.end) {
      return Status::InvalidField("evaluatiemomenten[" + std::to_string(i) + "].datum", "order",
                                  "ligt buiten de looptijd");
    }
  }
  std::stable_sort(a.evaluations.begin(), a.evaluations.end(),
                   [](const Evaluation& x, const Evaluation& y) { return x.day < y.day; });
  return Status::Ok();
}

int TermMonths(const Agreement& a) {
  const std::string from = FormatIsoDate(a.start);
  const std::string to = FormatIsoDate(a.end);
  int months = (std::stoi(to.substr(0, 4)) - std::stoi(from.substr(0, 4))) * 12 +
               std::stoi(to.substr(5, 2)) - std::stoi(from.substr(5, 2));
  if (std::stoi(to.substr(8, 2)) < std::stoi(from.substr(8, 2))) --months;
  return months;
}

bool TermWithinAdvice(const Agreement& a) {
  const int months = TermMonths(a);
  return months >= 36 && months <= 60;
}

std::vector<std::string> Attention(const Agreement& a) {
  std::vector<std::string> points;
  if (a.personal_data_flows && !a.processing_agreement) {
    points.push_back(
        "Er gaan persoonsgegevens tussen de partijen, maar er is geen "
        "verwerkersovereenkomst.");
  }
  if (!TermWithinAdvice(a)) {
    points.push_back("De looptijd ligt buiten de aanbevolen drie tot vijf jaar.");
  }
  for (const std::string& phase : PhaseNames()) {
    bool covered = false;
    for (const Party& p : a.parties) {
      covered = covered || std::count(p.roles.begin(), p.roles.end(), phase) > 0;
    }
    if (!covered) points.push_back("Geen partij heeft een rol in de fase " + phase + ".");
  }
  const bool checks = std::any_of(a.evaluations.begin(), a.evaluations.end(),
                                  [](const Evaluation& e) { return e.step == "check"; });
  if (!checks) points.push_back("Er is geen evaluatiemoment (check) gepland.");
  return points;
}

}  // namespace vc::subsidies
