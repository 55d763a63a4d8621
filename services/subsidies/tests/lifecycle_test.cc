// An application's whole life over HTTP against the real binary: scheme, application, every
// step, the decisions as documents, the deadlines, and a paper application entered later.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace vc::subsidies::testing;

TEST_CASE("an application goes from draft to paid over HTTP", "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0518");
  const std::string org = OrganisationToken("0518");
  const std::string scheme = s.Scheme(
      manager,
      R"(,"plafond":4500000,"maxPerAanvraag":1500000,)"
      R"("verantwoordingsgrenzen":{"geenVerslagOnder":500000,"activiteitenverslagTot":5000000},)"
      R"("verantwoordingUiterlijk":"2027-03-01","verplichtingen":"Vermeld de gemeente.")");

  const std::string app = s.ApplicationInReview(org, scheme, 2000000, manager);
  auto read = s.http().Get(s.Path("/aanvragen/" + app), org);
  REQUIRE(read.ok());
  CHECK(Member(read->body, "status") == "in_behandeling");
  CHECK(Member(read->body, "kanaal") == "digitaal");
  CHECK(Member(read->body, "ontvangenOp").size() == 24);

  SECTION("an organisation cannot grant itself") {
    auto r = s.Step(org, app, R"({"actie":"verlenen","bedrag":1000000})");
    CHECK(r.status == 403);
  }

  auto grant = s.Step(manager, app, R"({"actie":"verlenen","bedrag":2000000})");
  INFO(grant.body);
  REQUIRE(grant.status == 201);
  CHECK(Member(grant.body, "naar") == "deels_verleend");
  CHECK(Member(grant.body, "bedrag") == "1500000");  // capped by the maximum per application
  CHECK(Member(grant.body, "door") == "coordinator@test");

  auto scheme_now = s.http().Get(s.Path("/regelingen/" + scheme), org);
  CHECK(Member(scheme_now->body, "geboekt") == "1500000");
  CHECK(Member(scheme_now->body, "resterendPlafond") == "3000000");

  auto text = s.http().Get(s.Path("/aanvragen/" + app + "/beschikkingen/verlening/tekst"), org);
  REQUIRE(text->status == 200);
  CHECK(text->body.find("€ 15.000,00") != std::string::npos);
  CHECK(text->body.find("Vermeld de gemeente.") != std::string::npos);
  CHECK(text->body.find("binnen zes weken") != std::string::npos);
  CHECK(text->body.find("uiterlijk 2027-03-01") != std::string::npos);
  auto html = s.http().Get(s.Path("/aanvragen/" + app + "/beschikkingen/verlening/html"), org);
  REQUIRE(html->status == 200);
  CHECK(*html->Header("content-type") == "text/html; charset=utf-8");
  CHECK(html->body.find("<h1>Beschikking tot verlening van subsidie</h1>") != std::string::npos);
  auto none = s.http().Get(s.Path("/aanvragen/" + app + "/beschikkingen/vaststelling/tekst"), org);
  CHECK(none->status == 409);

  auto due = s.http().Get(s.Path("/termijnen?peildatum=2027-03-02&achterstallig=true"), manager);
  REQUIRE(due->status == 200);
  CHECK(due->body.find("\"soort\":\"verantwoording\"") != std::string::npos);

  REQUIRE(s.Step(manager, app, R"({"actie":"voorschot_betalen","bedrag":1200000})").status == 201);
  REQUIRE(s.Step(org, app, R"({"actie":"verantwoorden"})").status == 201);
  auto lower = s.Step(manager, app, R"({"actie":"vaststellen","bedrag":1000000})");
  CHECK(lower.status == 422);
  CHECK(lower.body.find("\"name\":\"grond\"") != std::string::npos);
  REQUIRE(s.Step(manager, app,
                 R"({"actie":"vaststellen","bedrag":1000000,"grond":"activiteiten_niet_verricht",)"
                 R"("reden":"twee maaltijden gingen niet door"})")
              .status == 201);
  auto settled =
      s.http().Get(s.Path("/aanvragen/" + app + "/beschikkingen/vaststelling/tekst"), org);
  REQUIRE(settled->status == 200);
  CHECK(settled->body.find("terugvorderen") == std::string::npos);
  CHECK(settled->body.find("€ 2.000,00 te veel ontvangen") != std::string::npos);

  CHECK(s.Step(manager, app, R"({"actie":"uitbetalen","bedrag":1})").status == 422);
  REQUIRE(s.Step(manager, app, R"({"actie":"terugvorderen","bedrag":200000})").status == 201);
  CHECK(s.Step(manager, app, R"({"actie":"terugvorderen","bedrag":200000})").status == 409);

  auto steps = s.http().Get(s.Path("/aanvragen/" + app + "/stappen"), org);
  REQUIRE(steps->status == 200);
  CHECK(Member(steps->body, "count") == "7");
}

TEST_CASE("a paper application keeps its real receipt time and who entered it",
          "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0518");
  const std::string scheme = s.Scheme(manager);
  std::string body = std::string(R"({"regeling":")") + scheme + R"(","organisatie":")" +
                     kOrganisation +
                     R"(","aangevraagdBedrag":250000,"omschrijving":"Koffieochtend",)"
                     R"("ontvangenOp":"2026-02-03T09:15:00.123Z","kanaal":"papier"})";

  SECTION("an organisation may not enter one") {
    auto r = s.http().Post(s.Path("/aanvragen"), body, OrganisationToken("0518"));
    CHECK(r->status == 403);
  }
  SECTION("a coordinator enters it, submitted as of its receipt") {
    std::string created = s.Create("/aanvragen", body, manager);
    CHECK(Member(created, "status") == "ingediend");
    CHECK(Member(created, "ontvangenOp") == "2026-02-03T09:15:00.123Z");
    CHECK(Member(created, "ingevoerdDoor") == "coordinator@test");
    CHECK(Member(created, "ingevoerdOp") > "2026-02-03T09:15:00.123Z");
    auto steps = s.http().Get(s.Path("/aanvragen/" + Member(created, "id") + "/stappen"), manager);
    CHECK(steps->body.find("\"actie\":\"indienen\"") != std::string::npos);
    auto due = s.http().Get(s.Path("/termijnen?peildatum=2026-04-01"), manager);
    CHECK(due->body.find("\"uiterlijkDatum\":\"2026-03-31\"") != std::string::npos);
  }
}

TEST_CASE("a refusal has a reason and its own decision", "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0518");
  const std::string app = s.ApplicationInReview(manager, s.Scheme(manager), 100000);
  CHECK(s.Step(manager, app, R"({"actie":"weigeren"})").status == 422);
  REQUIRE(s.Step(manager, app, R"({"actie":"weigeren","reden":"Buiten het doel <b>"})").status ==
          201);
  auto html = s.http().Get(s.Path("/aanvragen/" + app + "/beschikkingen/verlening/html"), manager);
  REQUIRE(html->status == 200);
  CHECK(html->body.find("weigering") != std::string::npos);
  CHECK(html->body.find("Buiten het doel &lt;b&gt;") != std::string::npos);
}
