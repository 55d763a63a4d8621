// Volunteer allowances, procurement advice, cooperation agreements and co-funding over HTTP.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace vc::subsidies::testing;

namespace {

std::string Payment(const std::string& volunteer, int month, int64_t cents, int minutes,
                    bool with_org) {
  std::string body = R"({"vrijwilliger":")" + volunteer +
                     R"(","leeftijdsklasse":"21_of_ouder","jaar":2026,"maand":)" +
                     std::to_string(month) + R"(,"bedrag":)" + std::to_string(cents) +
                     R"(,"minuten":)" + std::to_string(minutes);
  if (with_org) body += std::string(R"(,"organisatie":")") + kOrganisation + "\"";
  return body + "}";
}

}  // namespace

TEST_CASE("allowances are summed across organisations and checked without booking",
          "[subsidies][integration]") {
  Running s;
  const std::string org = OrganisationToken("0200");
  std::string first =
      s.Create("/vrijwilligersvergoedingen", Payment("v-17", 5, 15000, 1800, true), org);
  CHECK(first.find("\"binnenGrenzen\":true") != std::string::npos);

  auto check = s.http().Post(s.Path("/vrijwilligersvergoedingcontroles"),
                             Payment("v-17", 5, 8000, 900, false), org);
  REQUIRE(check->status == 200);
  CHECK(check->body.find("\"overschreden\":[\"maand\"]") != std::string::npos);
  CHECK(check->body.find("\"maand\":-1000") != std::string::npos);
  CHECK(check->body.find("\"waarschuwing\":\"") != std::string::npos);

  // The check booked nothing: the same check gives the same answer.
  auto again = s.http().Post(s.Path("/vrijwilligersvergoedingcontroles"),
                             Payment("v-17", 5, 8000, 900, false), org);
  CHECK(again->body == check->body);
  auto list = s.http().Get(s.Path("/vrijwilligersvergoedingen?vrijwilliger=v-17"), org);
  CHECK(Member(list->body, "count") == "1");

  auto other_gemeente =
      s.http().Post(s.Path("/vrijwilligersvergoedingcontroles"),
                    Payment("v-17", 5, 8000, 900, false), OrganisationToken("0363"));
  CHECK(other_gemeente->body.find("\"binnenGrenzen\":true") != std::string::npos);
}

TEST_CASE("procurement advice names the threshold and the open routes",
          "[subsidies][integration]") {
  Running s;
  const std::string token = ManagerToken("0200");
  auto r = s.http().Post(s.Path("/inkoopadviezen"),
                         R"({"soort":"sociale_diensten","geraamdeWaarde":80000000,)"
                         R"("peildatum":"2026-03-01"})",
                         token);
  REQUIRE(r->status == 200);
  CHECK(Member(r->body, "drempel") == "75000000");
  CHECK(Member(r->body, "europeseAanbestedingVerplicht") == "true");
  CHECK(r->body.find("\"route\":\"open_house\",\"open\":true") != std::string::npos);

  auto unknown =
      s.http().Post(s.Path("/inkoopadviezen"),
                    R"({"soort":"diensten","geraamdeWaarde":1,"peildatum":"2030-01-01"})", token);
  CHECK(unknown->status == 422);
  CHECK(IsProblem(*unknown));
}

TEST_CASE("a cooperation agreement shows its term and what needs attention",
          "[subsidies][integration]") {
  Running s;
  const std::string token = ManagerToken("0200");
  std::string body =
      std::string(R"({"naam":"Op Orde","partijen":[{"organisatie":")") + kOrganisation +
      R"(","naam":"Schuldhulpmaatje","rollen":["signalering","ondersteuning"]}],)"
      R"("ingangsdatum":"2026-01-01","einddatum":"2030-01-01",)"
      R"("evaluatiemomenten":[{"datum":"2027-01-15","fase":"check","onderwerp":"Jaar 1"},)"
      R"({"datum":"2026-02-01","fase":"plan","onderwerp":"Start"}],)"
      R"("persoonsgegevensGedeeld":true,"verwerkersovereenkomst":false})";
  std::string created = s.Create("/samenwerkingsovereenkomsten", body, token);
  CHECK(Member(created, "looptijdMaanden") == "48");
  CHECK(Member(created, "looptijdBinnenAdvies") == "true");
  CHECK(created.find("geen verwerkersovereenkomst") != std::string::npos);
  CHECK(created.find("fase verwijzing") != std::string::npos);
  CHECK(created.find("\"datum\":\"2026-02-01\",\"fase\":\"plan\"") <
        created.find("\"datum\":\"2027-01-15\""));
  auto read = s.http().Get(s.Path("/samenwerkingsovereenkomsten/" + Member(created, "id")), token);
  CHECK(read->body == created);
  auto other = s.http().Get(s.Path("/samenwerkingsovereenkomsten/" + Member(created, "id")),
                            ManagerToken("0363"));
  CHECK(other->status == 404);
}

TEST_CASE("co-funding is shown beside the municipal subsidy", "[subsidies][integration]") {
  Running s;
  const std::string token = ManagerToken("0200");
  const std::string app = s.ApplicationInReview(token, s.Scheme(token), 300000);
  const std::string base = "/aanvragen/" + app + "/medefinancieringen";
  s.Create(base, R"({"financier":"Oranje Fonds","soort":"fonds","bedrag":150000,"toegezegd":true})",
           token);
  s.Create(base, R"({"financier":"Bakkerij Jansen","soort":"bedrijf","bedrag":25000})", token);
  auto list = s.http().Get(s.Path(base), token);
  REQUIRE(list->status == 200);
  CHECK(list->body.find(R"("totalen":{"gemeente":300000,"gemeenteVerleend":false,)"
                        R"("anderen":175000,"geheel":475000})") != std::string::npos);
  auto elsewhere = s.http().Post(s.Path(base), R"({"financier":"X","soort":"fonds","bedrag":1})",
                                 ManagerToken("0363"));
  CHECK(elsewhere->status == 404);
}
