// The domain rules and the spec-driven validator, without HTTP or SQLite.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <set>

#include "domain/document.h"
#include "domain/pseudonym.h"
#include "domain/resources.h"
#include "domain/retention.h"
#include "domain/rules.h"
#include "domain/tenant.h"
#include "vc/json/writer.h"

using namespace vc;
using namespace vc::registration;

namespace {

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

}  // namespace

TEST_CASE("postcodes are normalised to '1234 AB'", "[registration][unit]") {
  auto [in, out] = GENERATE(table<std::string, std::string>(
      {{"1234AB", "1234 AB"}, {"1234 ab", "1234 AB"}, {"9999 ZZ", "9999 ZZ"}}));
  CAPTURE(in);
  CHECK(NormalizePostcode(in) == out);
}

TEST_CASE("impossible postcodes are refused", "[registration][unit]") {
  auto in = GENERATE(as<std::string>{}, "", "0123 AB", "123 AB", "12345 AB", "1234 A1", "1234  AB",
                     "1234 SS", "1234 SA", "1234-AB", "ABCD EF");
  CAPTURE(in);
  CHECK_FALSE(NormalizePostcode(in));
}

TEST_CASE("KvK numbers, CBS codes, phones and e-mail addresses are checked",
          "[registration][unit]") {
  CHECK(IsKvkNumber("12345678"));
  CHECK_FALSE(IsKvkNumber("1234567"));
  CHECK_FALSE(IsKvkNumber("00000000"));
  CHECK_FALSE(IsKvkNumber("1234567a"));
  CHECK(IsCbsCode("0363"));
  CHECK_FALSE(IsCbsCode("363"));
  CHECK(IsPhone("+31 20 123 4567"));
  CHECK(IsPhone("06-12345678"));
  CHECK_FALSE(IsPhone("12345"));
  CHECK_FALSE(IsPhone("06 1234 567a"));
  CHECK(IsEmail("anna@example.nl"));
  CHECK_FALSE(IsEmail("anna@example"));
  CHECK_FALSE(IsEmail("an na@example.nl"));
  CHECK_FALSE(IsEmail("a@b@c.nl"));
  CHECK(IsClockTime("23:59"));
  CHECK_FALSE(IsClockTime("24:00"));
}

TEST_CASE("a valid volunteer is normalised in spec order", "[registration][unit]") {
  auto input = Json(R"({"postcode":"1011ab","achternaam":"  de Vries ","voornaam":"Anna",
                        "vaardigheden":["koken"]})");
  auto doc = Validate(VrijwilligerSpec(), input, Mode::kCreate);
  REQUIRE(doc.ok());
  CHECK(
      json::Serialize(*doc) ==
      R"({"voornaam":"Anna","achternaam":"de Vries",)"
      R"("postcode":"1011 AB","vaardigheden":["koken"]})");
}

TEST_CASE("every problem of a body is reported at once, with its path", "[registration][unit]") {
  auto input = Json(R"({"voornaam":"","postcode":"x","talen":["nl","nl"],
                        "locatie":{"lat":100},"onbekend":1})");
  auto doc = Validate(VrijwilligerSpec(), input, Mode::kCreate);
  REQUIRE_FALSE(doc.ok());
  std::set<std::string> names;
  for (const auto& f : doc.status().fields()) names.insert(f.name);
  CHECK(names == std::set<std::string>{"voornaam", "achternaam", "postcode", "talen[1]",
                                       "locatie.lat", "locatie.lon", "onbekend"});
}

TEST_CASE("a patch checks only what it holds, and null clears optional fields only",
          "[registration][unit]") {
  auto ok = Validate(VrijwilligerSpec(), Json(R"({"telefoon":null})"), Mode::kPatch);
  REQUIRE(ok.ok());
  CHECK((*ok)["telefoon"].IsNull());

  auto bad = Validate(VrijwilligerSpec(), Json(R"({"voornaam":null})"), Mode::kPatch);
  CHECK_FALSE(bad.ok());
}

TEST_CASE("in a patch a nested object is a patch too: partial, and null clears optional fields",
          "[registration][unit]") {
  auto partial =
      Validate(HulpvraagSpec(), Json(R"({"hulpvrager":{"telefoon":"0612345678"}})"), Mode::kPatch);
  REQUIRE(partial.ok());
  CHECK_FALSE((*partial)["hulpvrager"].HasMember("naam"));

  auto cleared = Validate(OrganisatieSpec(), Json(R"({"contact":{"email":null}})"), Mode::kPatch);
  REQUIRE(cleared.ok());
  CHECK((*cleared)["contact"]["email"].IsNull());

  auto required = Validate(HulpvraagSpec(), Json(R"({"hulpvrager":{"naam":null}})"), Mode::kPatch);
  REQUIRE_FALSE(required.ok());
  CHECK(required.status().fields()[0].name == "hulpvrager.naam");

  // On create, and on the merged document of a patch, a nested object is checked whole.
  auto create =
      Validate(HulpvraagSpec(), Json(R"({"hulpvrager":{"telefoon":"0612345678"}})"), Mode::kCreate);
  REQUIRE_FALSE(create.ok());
  std::set<std::string> names;
  for (const auto& f : create.status().fields()) names.insert(f.name);
  CHECK(names.count("hulpvrager.naam") == 1);
}

TEST_CASE("a merge patch merges nested objects, drops members set to null, replaces lists",
          "[registration][unit]") {
  struct Row {
    const char* stored;
    const char* patch;
    const char* merged;
  };
  auto row = GENERATE(
      Row{R"({"a":1,"b":2})", R"({"b":3})", R"({"a":1,"b":3})"},
      Row{R"({"a":1,"b":2})", R"({"b":null})", R"({"a":1})"},
      Row{R"({"c":{"x":1,"y":2}})", R"({"c":{"y":3}})", R"({"c":{"x":1,"y":3}})"},
      Row{R"({"c":{"x":1,"y":2}})", R"({"c":{"x":null}})", R"({"c":{"y":2}})"},
      Row{R"({"l":[1,2,3]})", R"({"l":[4]})", R"({"l":[4]})"},
      Row{R"({"c":"text"})", R"({"c":{"x":1}})", R"({"c":{"x":1}})"},
      Row{R"({"c":{"x":1}})", R"({"c":"text"})", R"({"c":"text"})"},
      Row{R"({"a":1})", R"({"c":{"x":{"y":null,"z":2}}})", R"({"a":1,"c":{"x":{"z":2}}})"},
      Row{R"({"a":1})", R"({})", R"({"a":1})"});
  CAPTURE(row.stored, row.patch);

  rapidjson::Document merged = Merge(Json(row.stored), Json(row.patch));
  CHECK(merged == Json(row.merged));
}

TEST_CASE("cross-field rules: an end date before the start, a closing before the opening",
          "[registration][unit]") {
  auto vacature =
      Validate(VacatureSpec(), Json(R"({"organisatie":"00000000-0000-4000-8000-000000000000",
      "titel":"T","begindatum":"2027-02-01","einddatum":"2027-01-01"})"),
               Mode::kCreate);
  REQUIRE_FALSE(vacature.ok());
  CHECK(vacature.status().fields()[0].name == "einddatum");

  auto steunpunt = Validate(SteunpuntSpec(), Json(R"({"naam":"B","soort":"bibliotheek",
      "adres":{"straat":"S","huisnummer":"1","postcode":"1011 AB","plaats":"P"},
      "openingstijden":[{"dag":"ma","van":"17:00","tot":"09:00"}]})"),
                            Mode::kCreate);
  REQUIRE_FALSE(steunpunt.ok());
  CHECK(steunpunt.status().fields()[0].name == "openingstijden[0].tot");

  auto hulp = Validate(HulpvraagSpec(), Json(R"({"omschrijving":"x","kanaal":"steunpunt",
      "hulpvrager":{"naam":"R"},"postcode":"1011 AB"})"),
                       Mode::kCreate);
  REQUIRE_FALSE(hulp.ok());
  CHECK(hulp.status().fields()[0].name == "steunpunt");
}

TEST_CASE("the wijk is derived from the postcode through the gemeente's areas",
          "[registration][unit]") {
  Tenant t;
  t.wijken = {{"noord", {"1021", "1022"}}, {"oost", {"1091"}}};
  CHECK(t.WijkFor("1022 AB") == "noord");
  CHECK(t.WijkFor("1091 XX") == "oost");
  CHECK_FALSE(t.WijkFor("9999 ZZ"));

  auto fields = Json(R"({"postcode":"1091 AB"})");
  Complete(VrijwilligerSpec(), t, false, fields);
  CHECK(std::string(fields["wijk"].GetString()) == "oost");
}

TEST_CASE("the retention cutoff goes back calendar months, clamping the day",
          "[registration][unit]") {
  auto [now, months, cutoff] = GENERATE(table<std::string, int, std::string>({
      {"2026-07-11T12:00:00.000Z", 6, "2026-01-11T12:00:00.000Z"},
      {"2026-03-31T08:30:00.000Z", 1, "2026-02-28T08:30:00.000Z"},
      {"2028-03-31T00:00:00.000Z", 1, "2028-02-29T00:00:00.000Z"},
      {"2026-01-15T00:00:00.000Z", 24, "2024-01-15T00:00:00.000Z"},
  }));
  CAPTURE(now, months);
  CHECK(FormatRfc3339(RetentionCutoff(*ParseRfc3339(now), months)) == cutoff);
}

TEST_CASE("a stored document puts id first and the service's members last",
          "[registration][unit]") {
  auto fields = Json(R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB"})");
  DocumentMeta meta{"id-1", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", std::nullopt};
  std::string body = Compose(VrijwilligerSpec(), fields, meta);
  CHECK(body ==
        R"({"id":"id-1","voornaam":"A","achternaam":"B","postcode":"1011 AB",)"
        R"("aangemaaktOp":"2026-01-01T00:00:00.000Z","gewijzigdOp":"2026-01-02T00:00:00.000Z"})");
  auto back = FieldsOf(Json(body));
  CHECK(json::Serialize(back) == R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB"})");
}

TEST_CASE("pseudonyms are HMAC-SHA256 of kind and id under the key", "[registration][unit]") {
  // Expected values from `openssl dgst -sha256 -hmac` over "kind:id" (an independent
  // implementation); the second key is longer than the block, so it is hashed first.
  CHECK(Pseudonym("Jefe", "what do ya want ", "for nothing?") ==
        "e84baac6c4315d53ae6e1241f85096407b81cdd8f67bdec6881c25350a4b3529");
  CHECK(Pseudonym(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key -",
                  " Hash Key First") ==
        "dc1b06c7407b4e88ea788719a3a967dd3ffe4ea676ca23b6ad44b8038709eccf");
  CHECK(Pseudonym("k", "vrijwilliger", "1") != Pseudonym("k2", "vrijwilliger", "1"));
}
