// Bad input and other tenants: every case gets a 4xx problem+json that names the field; none
// a 5xx. A gemeente never sees or touches another's records.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace vc::subsidies::testing;

TEST_CASE("bad schemes are refused with the field named", "[subsidies][integration]") {
  Running s;
  const std::string token = ManagerToken("0599");
  const std::string base = R"({"naam":"R","soort":"projectsubsidie","periodeBegin":"2026-01-01",)"
                           R"("periodeEind":"2026-12-31")";
  auto [name, body, status, field] =
      GENERATE_REF(table<std::string, std::string, int, std::string>({
          {"negative ceiling", base + R"(,"plafond":-1})", 400, "plafond"},
          {"huge ceiling", base + R"(,"plafond":100000000000000000000})", 400, "plafond"},
          {"fractional ceiling", base + R"(,"plafond":10.5})", 400, "plafond"},
          {"ceiling past the bound", base + R"(,"plafond":100000000001})", 400, "plafond"},
          {"dates out of order",
           R"({"naam":"R","soort":"projectsubsidie","periodeBegin":"2026-12-31",)"
           R"("periodeEind":"2026-01-01"})",
           400, "periodeEind"},
          {"impossible date",
           R"({"naam":"R","soort":"projectsubsidie","periodeBegin":"2026-02-30",)"
           R"("periodeEind":"2026-12-31"})",
           400, "periodeBegin"},
          {"unknown kind",
           R"({"naam":"R","soort":"lening","periodeBegin":"2026-01-01",)"
           R"("periodeEind":"2026-12-31"})",
           400, "soort"},
          {"ranking without closing date", base + R"(,"verdeling":"rangschikking"})", 400,
           "sluitingsdatum"},
          {"tiers out of order",
           base + R"(,"verantwoordingsgrenzen":{"geenVerslagOnder":500000,)"
                  R"("activiteitenverslagTot":100}})",
           400, "verantwoordingsgrenzen.activiteitenverslagTot"},
          {"maximum above ceiling", base + R"(,"plafond":100,"maxPerAanvraag":200})", 400,
           "maxPerAanvraag"},
          {"unknown member", base + R"(,"bsn":"1"})", 400, "bsn"},
      }));
  CAPTURE(name);
  auto r = s.http().Post(s.Path("/regelingen"), body, token);
  REQUIRE(r.ok());
  INFO(r->body);
  CHECK(r->status == status);
  CHECK(IsProblem(*r));
  CHECK(r->body.find("\"name\":\"" + field + "\"") != std::string::npos);
}

TEST_CASE("bad applications and steps are refused with the field named",
          "[subsidies][integration]") {
  // The scheme is made per run, so rows name it as SCHEME and get it filled in below.
  const std::string head = R"({"regeling":"SCHEME","organisatie":")" + std::string(kOrganisation) +
                           R"(","omschrijving":"x","aangevraagdBedrag":)";
  auto [name, row, status, field] = GENERATE_REF(table<std::string, std::string, int, std::string>({
      {"negative amount", head + "-5}", 400, "aangevraagdBedrag"},
      {"zero amount", head + "0}", 400, "aangevraagdBedrag"},
      {"fractional amount", head + "12.34}", 400, "aangevraagdBedrag"},
      {"huge amount", head + "1e30}", 400, "aangevraagdBedrag"},
      {"amount as text", head + "\"100\"}", 400, "aangevraagdBedrag"},
      {"unknown scheme",
       R"({"regeling":"0b5e3d5c-6a57-4f5e-8d43-4f1a0f9a2b11","organisatie":")" +
           std::string(kOrganisation) + R"(","omschrijving":"x","aangevraagdBedrag":5})",
       422, "regeling"},
      {"scheme not a uuid",
       R"({"regeling":"abc","organisatie":")" + std::string(kOrganisation) +
           R"(","omschrijving":"x","aangevraagdBedrag":5})",
       400, "regeling"},
      {"receipt in the future",
       head + R"(5,"ontvangenOp":"2099-01-01T00:00:00Z","kanaal":"papier"})", 400, "ontvangenOp"},
      {"receipt centuries on",
       head + R"(5,"ontvangenOp":"2999-01-01T00:00:00Z","kanaal":"papier"})", 400, "ontvangenOp"},
      {"receipt without channel", head + R"(5,"ontvangenOp":"2026-01-01T00:00:00Z"})", 400,
       "kanaal"},
  }));
  CAPTURE(name);
  Running s;
  const std::string token = ManagerToken("0599");
  std::string body = row;
  if (body.find("SCHEME") != std::string::npos) {
    body.replace(body.find("SCHEME"), 6, s.Scheme(token));
  }
  auto r = s.http().Post(s.Path("/aanvragen"), body, token);
  REQUIRE(r.ok());
  INFO(r->body);
  CHECK(r->status == status);
  CHECK(IsProblem(*r));
  CHECK(r->body.find("\"name\":\"" + field + "\"") != std::string::npos);
}

TEST_CASE("steps with bad amounts or actions are refused", "[subsidies][integration]") {
  Running s;
  const std::string token = ManagerToken("0599");
  const std::string app = s.ApplicationInReview(token, s.Scheme(token), 10000);
  auto [body, status, field] = GENERATE(table<std::string, int, std::string>({
      {R"({"actie":"verlenen","bedrag":-1})", 400, "bedrag"},
      {R"({"actie":"verlenen","bedrag":0.5})", 400, "bedrag"},
      {R"({"actie":"verlenen","bedrag":99999999999999999999})", 400, "bedrag"},
      {R"({"actie":"verlenen","bedrag":10001})", 422, "bedrag"},
      {R"({"actie":"vliegen"})", 400, "actie"},
      {R"({"actie":"vaststellen","bedrag":1})", 409, ""},
  }));
  CAPTURE(body);
  auto r = s.Step(token, app, body);
  INFO(r.body);
  CHECK(r.status == status);
  CHECK(IsProblem(r));
  if (!field.empty()) CHECK(r.body.find("\"name\":\"" + field + "\"") != std::string::npos);
}

TEST_CASE("a gemeente never sees or touches another's schemes and applications",
          "[subsidies][integration]") {
  Running s;
  const std::string ours = ManagerToken("0599");
  const std::string theirs = ManagerToken("0363");
  const std::string scheme = s.Scheme(ours, R"(,"plafond":100000)");
  const std::string app = s.ApplicationInReview(ours, scheme, 5000);

  CHECK(s.http().Get(s.Path("/regelingen/" + scheme), theirs)->status == 404);
  CHECK(s.http().Get(s.Path("/aanvragen/" + app), theirs)->status == 404);
  CHECK(s.http().Get(s.Path("/aanvragen/" + app + "/stappen"), theirs)->status == 404);
  CHECK(s.http()
            .Get(s.Path("/aanvragen/" + app + "/beschikkingen/verlening/tekst"), theirs)
            ->status == 404);
  CHECK(Member(s.http().Get(s.Path("/regelingen"), theirs)->body, "count") == "0");
  CHECK(Member(s.http().Get(s.Path("/aanvragen"), theirs)->body, "count") == "0");
  CHECK(s.Step(theirs, app, R"({"actie":"verlenen","bedrag":5000})").status == 404);

  // Their application cannot name our scheme either.
  std::string body = R"({"regeling":")" + scheme + R"(","organisatie":")" + kOrganisation +
                     R"(","omschrijving":"x","aangevraagdBedrag":5})";
  CHECK(s.http().Post(s.Path("/aanvragen"), body, theirs)->status == 422);

  CHECK(s.http().Get(s.Path("/regelingen"), Token({"subsidies.lezen"}, ""))->status == 403);
  CHECK(s.http().Get(s.Path("/regelingen"), Token({"registratie.lezen"}, "0599"))->status == 403);
  CHECK(s.http().Post(s.Path("/regelingen"), "{}", OrganisationToken("0599"))->status == 403);
}
