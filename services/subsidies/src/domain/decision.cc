#include "domain/decision.h"

#include <map>

#include "domain/money.h"
#include "vc/core/clock.h"

namespace vc::subsidies {
namespace {

using Values = std::map<std::string, std::string>;

// One template per decision; {{name}} is replaced by the value, escaped for HTML when the
// format is HTML. Paragraphs are separated by blank lines and become <p> elements.
const char kGrantTemplate[] =
    "Beschikking tot verlening van subsidie\n\n"
    "Datum: {{datum}}\nKenmerk: {{aanvraag}}\nRegeling: {{regeling}} ({{soort}})\n\n"
    "Besluit: op uw aanvraag van {{ontvangen}} verlenen wij u een subsidie van {{bedrag}}"
    "{{deels}}.\n\n"
    "Activiteiten: de subsidie is bestemd voor: {{activiteiten}}\n\n"
    "Verplichtingen: {{verplichtingen}}\n\n"
    "Verantwoording: {{verantwoording}}\n\n"
    "Bezwaar: bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de dag "
    "waarop het is bekendgemaakt bezwaar maken bij het college van burgemeester en wethouders "
    "(Algemene wet bestuursrecht, artikel 6:7). Vermeld uw naam, adres, de datum, het kenmerk "
    "van dit besluit en waarom u het er niet mee eens bent, en onderteken het bezwaarschrift.";

const char kRefusalTemplate[] =
    "Beschikking tot weigering van subsidie\n\n"
    "Datum: {{datum}}\nKenmerk: {{aanvraag}}\nRegeling: {{regeling}} ({{soort}})\n\n"
    "Besluit: uw aanvraag van {{ontvangen}} voor {{aangevraagd}} wijzen wij af.\n\n"
    "Reden: {{reden}}\n\n"
    "Bezwaar: bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de dag "
    "waarop het is bekendgemaakt bezwaar maken bij het college van burgemeester en wethouders "
    "(Algemene wet bestuursrecht, artikel 6:7).";

const char kSettlementTemplate[] =
    "Beschikking tot vaststelling van subsidie\n\n"
    "Datum: {{datum}}\nKenmerk: {{aanvraag}}\nRegeling: {{regeling}} ({{soort}})\n\n"
    "Besluit: wij stellen de subsidie vast op {{bedrag}}; verleend was {{verleend}}.{{lager}}"
    "\n\n"
    "Activiteiten: {{activiteiten}}\n\n"
    "Betaling: betaald aan voorschotten {{voorschotten}}; {{saldo}}\n\n"
    "Bezwaar: bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de dag "
    "waarop het is bekendgemaakt bezwaar maken bij het college van burgemeester en wethouders "
    "(Algemene wet bestuursrecht, artikel 6:7).";

std::string EscapeHtml(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Fill(const std::string& pattern, const Values& values, Format format) {
  std::string out;
  size_t at = 0;
  while (at < pattern.size()) {
    size_t open = pattern.find("{{", at);
    if (open == std::string::npos) {
      out.append(pattern, at, std::string::npos);
      break;
    }
    size_t close = pattern.find("}}", open);
    out.append(pattern, at, open - at);
    const std::string& value = values.at(pattern.substr(open + 2, close - open - 2));
    out += format == Format::kHtml ? EscapeHtml(value) : value;
    at = close + 2;
  }
  return out;
}

std::string AsHtml(const std::string& text, const std::string& title) {
  std::string body;
  size_t at = 0;
  while (at <= text.size()) {
    size_t end = text.find("\n\n", at);
    if (end == std::string::npos) end = text.size();
    std::string paragraph = text.substr(at, end - at);
    for (size_t nl = paragraph.find('\n'); nl != std::string::npos; nl = paragraph.find('\n')) {
      paragraph.replace(nl, 1, "<br>");
    }
    body += at == 0 ? "<h1>" + paragraph + "</h1>\n" : "<p>" + paragraph + "</p>\n";
    at = end + 2;
  }
  return "<!DOCTYPE html>\n<html lang=\"nl\">\n<head><meta charset=\"utf-8\"><title>" + title +
         "</title></head>\n<body>\n" + body + "</body>\n</html>\n";
}

std::string Accountability(const Scheme& scheme, const Application& a) {
  switch (a.facts.tier) {
    case Tier::kNone:
      return "U hoeft geen verantwoording in te dienen. Wij stellen de subsidie vast zoals "
             "verleend, tenzij blijkt dat de activiteiten niet zijn verricht.";
    case Tier::kActivities:
      return "Dien een verslag in waaruit blijkt dat de activiteiten zijn verricht, met een "
             "overzicht van de kosten" +
             (scheme.accountability_due ? ", uiterlijk " + FormatIsoDate(*scheme.accountability_due)
                                        : std::string()) +
             ".";
    case Tier::kFinancialReport:
      return "Dien een activiteitenverslag en een financieel verslag met een "
             "controleverklaring van een accountant in" +
             (scheme.accountability_due ? ", uiterlijk " + FormatIsoDate(*scheme.accountability_due)
                                        : std::string()) +
             ".";
  }
  return "";
}

Values Common(const Scheme& scheme, const Application& a, const std::string& date) {
  return {
      {"datum", date},
      {"aanvraag", a.id},
      {"regeling", scheme.naam},
      {"soort", NameOf(scheme.kind)},
      {"ontvangen",
       a.receipt_ms
           ? FormatRfc3339(TimePoint(std::chrono::milliseconds(*a.receipt_ms))).substr(0, 10)
           : std::string("onbekend")},
      {"activiteiten", a.activities},
      {"aangevraagd", FormatEuro(a.facts.requested)},
  };
}

bool Settled(State s) {
  return s == State::kVastgesteld || s == State::kUitbetaald || s == State::kTeruggevorderd;
}

bool Granted(State s) {
  return s != State::kConcept && s != State::kIngediend && s != State::kInBehandeling &&
         s != State::kGeweigerd;
}

}  // namespace

std::optional<DecisionKind> ParseDecisionKind(const std::string& name) {
  if (name == "verlening") return DecisionKind::kGrant;
  if (name == "vaststelling") return DecisionKind::kSettlement;
  return std::nullopt;
}

Result<std::string> RenderDecision(DecisionKind kind, Format format, const Scheme& scheme,
                                   const Application& a, const std::string& date) {
  Values v = Common(scheme, a, date);
  std::string pattern;
  std::string title;
  if (kind == DecisionKind::kGrant && a.facts.state == State::kGeweigerd) {
    v["reden"] = a.refusal_reason;
    pattern = kRefusalTemplate;
    title = "Weigering van subsidie";
  } else if (kind == DecisionKind::kGrant && Granted(a.facts.state)) {
    v["bedrag"] = FormatEuro(a.facts.granted);
    v["deels"] = a.facts.state == State::kDeelsVerleend || a.facts.granted < a.facts.requested
                     ? " (aangevraagd was " + FormatEuro(a.facts.requested) +
                           "; het plafond of het maximum per aanvraag laat niet meer toe)"
                     : "";
    v["verplichtingen"] = scheme.obligations.empty()
                              ? "geen andere dan de activiteiten te verrichten waarvoor de "
                                "subsidie is verleend."
                              : scheme.obligations;
    v["verantwoording"] = Accountability(scheme, a);
    pattern = kGrantTemplate;
    title = "Verlening van subsidie";
  } else if (kind == DecisionKind::kSettlement && Settled(a.facts.state)) {
    v["bedrag"] = FormatEuro(a.facts.settled);
    v["verleend"] = FormatEuro(a.facts.granted);
    v["lager"] = a.facts.settled < a.facts.granted
                     ? " De vaststelling is lager op grond van artikel 4:46, tweede lid, van de "
                       "Algemene wet bestuursrecht (" +
                           (a.lower_reason ? NameOf(*a.lower_reason) : std::string()) +
                           "): " + a.settlement_note
                     : "";
    v["voorschotten"] = FormatEuro(a.facts.advances);
    const int64_t balance = a.facts.settled - a.facts.advances;
    v["saldo"] = balance > 0   ? "wij betalen u nog " + FormatEuro(balance) + "."
                 : balance < 0 ? "u hebt " + FormatEuro(-balance) +
                                     " te veel ontvangen; dat vorderen wij terug."
                               : "er staat niets meer open.";
    pattern = kSettlementTemplate;
    title = "Vaststelling van subsidie";
  } else {
    return Status(Code::kConflict, "Deze aanvraag heeft (nog) geen beschikking van deze soort.");
  }

  std::string text = Fill(pattern, v, format);
  if (format == Format::kText) return text + "\n";
  return AsHtml(text, title);
}

}  // namespace vc::subsidies
