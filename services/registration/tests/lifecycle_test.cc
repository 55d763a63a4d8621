// The life cycle of every resource over real HTTP: create, read, change, list, delete.
#include <rapidjson/document.h>

#include <algorithm>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "harness.h"

using namespace vc::registration::testing;

namespace {

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

constexpr const char* kWijken =
    R"(,"wijken":[{"code":"noord","naam":"Noord","postcodegebieden":["1021","1022"]}])";

}  // namespace

TEST_CASE("a gemeente is onboarded with one call and gets defaults",
          "[registration][integration]") {
  Running s;
  auto r = s.http().Post(s.Path("/gemeenten"), R"({"code":"0363","naam":"Amsterdam"})",
                         Token({"platform.beheer"}));
  REQUIRE(r.ok());
  REQUIRE(r->status == 201);
  auto doc = Parse(r->body);
  CHECK(doc["bewaartermijnMaanden"].GetInt() == 24);
  CHECK(doc["modules"]["matching"].GetBool());
  CHECK(std::string(doc["url"].GetString()).find("/registratie/api/v1/gemeenten/") !=
        std::string::npos);
  REQUIRE(r->Header("location"));

  auto again = s.http().Post(s.Path("/gemeenten"), R"({"code":"0363","naam":"Dubbel"})",
                             Token({"platform.beheer"}));
  REQUIRE(again.ok());
  CHECK(again->status == 409);
  CHECK(IsProblem(*again));

  auto tenant_try = s.http().Post(s.Path("/gemeenten"), R"({"code":"0599","naam":"Rotterdam"})",
                                  TenantToken("0363"));
  REQUIRE(tenant_try.ok());
  CHECK(tenant_try->status == 403);
}

TEST_CASE("a PATCH merges nested objects member by member (RFC 7396)",
          "[registration][integration]") {
  Running s;
  const std::string gemeente = s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");
  std::string id = s.Create("organisaties", R"({"naam":"Buurtkracht","soort":"stichting",
      "contact":{"naam":"Sam","email":"sam@buurtkracht.nl","telefoon":"0201234567"}})",
                            token);

  auto patched = s.http().Patch(s.Path("/organisaties/" + id),
                                R"({"contact":{"telefoon":"0207654321","email":null}})", token);
  REQUIRE(patched.ok());
  INFO(patched->body);
  REQUIRE(patched->status == 200);
  auto organisatie = Parse(patched->body);
  auto contact = organisatie["contact"].GetObject();
  CHECK(std::string(contact["naam"].GetString()) == "Sam");
  CHECK(std::string(contact["telefoon"].GetString()) == "0207654321");
  CHECK_FALSE(contact.HasMember("email"));

  // Switching one module off leaves the others on.
  auto switched = s.http().Patch(s.Path("/gemeenten/" + gemeente),
                                 R"({"modules":{"matching":false}})", token);
  REQUIRE(switched.ok());
  INFO(switched->body);
  REQUIRE(switched->status == 200);
  auto gemeente_doc = Parse(switched->body);
  auto modules = gemeente_doc["modules"].GetObject();
  CHECK_FALSE(modules["matching"].GetBool());
  CHECK(modules["registratie"].GetBool());
  CHECK(modules["subsidies"].GetBool());
  CHECK(modules["rapportage"].GetBool());

  // A required nested field cannot be removed: the whole patch is refused, naming it.
  std::string hulp = s.Create("hulpvragen", R"({"omschrijving":"Boodschappen doen",
      "kanaal":"telefoon","postcode":"1021 AB",
      "hulpvrager":{"naam":"Els","telefoon":"0612345678"}})",
                              token);
  auto refused = s.http().Patch(s.Path("/hulpvragen/" + hulp), R"({"hulpvrager":{"naam":null}})",
                                token);
  REQUIRE(refused.ok());
  CHECK(refused->status == 400);
  CHECK(IsProblem(*refused));
  CHECK(refused->body.find("hulpvrager.naam") != std::string::npos);
}

TEST_CASE("a volunteer goes through create, read, patch, list and erasure",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam", kWijken);
  const std::string token = TenantToken("0363");

  std::string id = s.Create("vrijwilligers", R"({"voornaam":" Anna ","achternaam":"de Vries",
      "email":"anna@example.nl","postcode":"1021ab","vaardigheden":["koken","vervoer"],
      "beschikbaarheid":["ma-ochtend","wo-middag"]})",
                            token);

  auto read = s.http().Get(s.Path("/vrijwilligers/" + id), token);
  REQUIRE(read.ok());
  REQUIRE(read->status == 200);
  auto doc = Parse(read->body);
  CHECK(std::string(doc["voornaam"].GetString()) == "Anna");
  CHECK(std::string(doc["postcode"].GetString()) == "1021 AB");
  CHECK(std::string(doc["wijk"].GetString()) == "noord");
  CHECK(doc.HasMember("aangemaaktOp"));

  auto patched = s.http().Patch(s.Path("/vrijwilligers/" + id),
                                R"({"telefoon":"0612345678","vaardigheden":null})", token);
  REQUIRE(patched.ok());
  INFO(patched->body);
  REQUIRE(patched->status == 200);
  auto after = Parse(patched->body);
  CHECK(std::string(after["telefoon"].GetString()) == "0612345678");
  CHECK_FALSE(after.HasMember("vaardigheden"));
  CHECK(std::string(after["voornaam"].GetString()) == "Anna");

  auto listed = s.http().Get(s.Path("/vrijwilligers?postcode=1021AB"), token);
  REQUIRE(listed.ok());
  REQUIRE(listed->status == 200);
  auto list = Parse(listed->body);
  CHECK(list["count"].GetInt() == 1);
  CHECK(list["next"].IsNull());
  CHECK(std::string(list["results"][0]["id"].GetString()) == id);

  auto erased = s.http().Delete(s.Path("/vrijwilligers/" + id), token);
  REQUIRE(erased.ok());
  CHECK(erased->status == 204);
  auto gone = s.http().Get(s.Path("/vrijwilligers/" + id), token);
  REQUIRE(gone.ok());
  CHECK(gone->status == 404);
  CHECK(IsProblem(*gone));
}

TEST_CASE("organisations, support points, vacancies and help requests refer to each other",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam", kWijken);
  const std::string token = TenantToken("0363");

  std::string org = s.Create("organisaties",
                             R"({"naam":"Buurtzorg Noord","kvkNummer":"12345678",
                                 "soort":"stichting","postcode":"1022 AB"})",
                             token);
  auto duplicate =
      s.http().Post(s.Path("/organisaties"),
                    R"({"naam":"Kopie","kvkNummer":"12345678","soort":"stichting"})", token);
  REQUIRE(duplicate.ok());
  CHECK(duplicate->status == 409);

  std::string steunpunt = s.Create("steunpunten", R"({"naam":"Bibliotheek Noord",
      "soort":"bibliotheek","organisatie":")" + org + R"(",
      "adres":{"straat":"Plein","huisnummer":"1","postcode":"1021 AB","plaats":"Amsterdam"},
      "openingstijden":[{"dag":"di","van":"10:00","tot":"17:00"}]})",
                                   token);

  std::string vacature = s.Create("vacatures", R"({"organisatie":")" + org + R"(",
      "titel":"Maatje","begindatum":"2027-01-01","einddatum":"2027-06-30"})",
                                  token);
  auto vac = s.http().Get(s.Path("/vacatures/" + vacature), token);
  REQUIRE(vac.ok());
  CHECK(std::string(Parse(vac->body)["status"].GetString()) == "open");

  std::string hulp = s.Create("hulpvragen",
                              R"({"omschrijving":"Hulp met formulieren",
      "kanaal":"steunpunt","steunpunt":")" +
                                  steunpunt + R"(",
      "hulpvrager":{"naam":"Mevrouw Jansen","telefoon":"0201234567"},"postcode":"1021 CD"})",
                              token);
  auto h = s.http().Get(s.Path("/hulpvragen/" + hulp), token);
  REQUIRE(h.ok());
  auto hd = Parse(h->body);
  CHECK(std::string(hd["geregistreerdDoor"].GetString()) == "coordinator@test");
  CHECK(std::string(hd["status"].GetString()) == "nieuw");

  auto busy = s.http().Delete(s.Path("/organisaties/" + org), token);
  REQUIRE(busy.ok());
  CHECK(busy->status == 409);
  CHECK(IsProblem(*busy));

  REQUIRE(s.http().Delete(s.Path("/vacatures/" + vacature), token)->status == 204);
  auto filtered = s.http().Get(s.Path("/steunpunten?organisatie=" + org), token);
  REQUIRE(filtered.ok());
  CHECK(Parse(filtered->body)["count"].GetInt() == 1);
}

TEST_CASE("a reference to another gemeente's organisation is refused",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  s.Onboard("0599", "Rotterdam");
  std::string org = s.Create("organisaties", R"({"naam":"Rotterdams","soort":"vereniging"})",
                             TenantToken("0599"));

  auto r = s.http().Post(s.Path("/vacatures"),
                         R"({"organisatie":")" + org + R"(","titel":"Over de grens"})",
                         TenantToken("0363"));
  REQUIRE(r.ok());
  CHECK(r->status == 422);
  CHECK(r->body.find("\"name\":\"organisatie\"") != std::string::npos);
}

TEST_CASE("a gemeente never sees another gemeente's data", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  s.Onboard("0599", "Rotterdam");
  std::string id =
      s.Create("vrijwilligers", R"({"voornaam":"Anna","achternaam":"A","postcode":"1011 AB"})",
               TenantToken("0363"));
  const std::string other = TenantToken("0599");

  CHECK(s.http().Get(s.Path("/vrijwilligers/" + id), other)->status == 404);
  CHECK(s.http().Patch(s.Path("/vrijwilligers/" + id), R"({"voornaam":"X"})", other)->status ==
        404);
  CHECK(s.http().Delete(s.Path("/vrijwilligers/" + id), other)->status == 404);
  auto list = s.http().Get(s.Path("/vrijwilligers"), other);
  REQUIRE(list.ok());
  CHECK(Parse(list->body)["count"].GetInt() == 0);

  auto gemeenten = s.http().Get(s.Path("/gemeenten"), other);
  REQUIRE(gemeenten.ok());
  CHECK(Parse(gemeenten->body)["count"].GetInt() == 1);

  auto unknown = s.http().Get(s.Path("/vrijwilligers"), TenantToken("0014"));
  REQUIRE(unknown.ok());
  CHECK(unknown->status == 403);
}

TEST_CASE("scopes decide what a token may do", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string reader = Token({"registratie.lezen"}, "0363");
  auto write = s.http().Post(s.Path("/vrijwilligers"),
                             R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB"})", reader);
  REQUIRE(write.ok());
  CHECK(write->status == 403);
  CHECK(IsProblem(*write));
  CHECK(s.http().Get(s.Path("/vrijwilligers"), reader)->status == 200);
  CHECK(s.http().Get(s.Path("/verwerkingen"), reader)->status == 403);
}

TEST_CASE("lists page by 20, oldest first, with links", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");
  std::vector<std::string> ids;
  for (int i = 0; i < 45; ++i) {
    ids.push_back(s.Create(
        "vrijwilligers",
        R"({"voornaam":"V)" + std::to_string(i) + R"(","achternaam":"X","postcode":"1011 AB"})",
        token));
  }

  auto first = Parse(s.http().Get(s.Path("/vrijwilligers"), token)->body);
  CHECK(first["count"].GetInt() == 45);
  CHECK(first["results"].Size() == 20);
  CHECK(first["previous"].IsNull());
  REQUIRE(first["next"].IsString());
  CHECK(std::string(first["next"].GetString()).find("page=2") != std::string::npos);

  auto third = Parse(s.http().Get(s.Path("/vrijwilligers?page=3"), token)->body);
  CHECK(third["results"].Size() == 5);
  CHECK(third["next"].IsNull());

  // Oldest first, and by id within one millisecond: creations here often share one, so the
  // order is checked against that key rather than against the order of creation.
  std::vector<std::pair<std::string, std::string>> listed;  // (aangemaaktOp, id)
  for (int page = 1; page <= 3; ++page) {
    auto doc = Parse(
        s.http().Get(s.Path("/vrijwilligers?page=" + std::to_string(page)), token)->body);
    for (const auto& v : doc["results"].GetArray()) {
      listed.emplace_back(v["aangemaaktOp"].GetString(), v["id"].GetString());
    }
  }
  CHECK(std::is_sorted(listed.begin(), listed.end()));
  std::vector<std::string> listed_ids;
  for (const auto& entry : listed) listed_ids.push_back(entry.second);
  std::sort(listed_ids.begin(), listed_ids.end());
  std::sort(ids.begin(), ids.end());
  CHECK(listed_ids == ids);

  CHECK(s.http().Get(s.Path("/vrijwilligers?page=4"), token)->status == 404);
  CHECK(s.http().Get(s.Path("/vrijwilligers?page=0"), token)->status == 400);
  CHECK(s.http().Get(s.Path("/vrijwilligers?pageSize=101"), token)->status == 400);
  CHECK(s.http().Get(s.Path("/vrijwilligers?kleur=rood"), token)->status == 400);
  CHECK(s.http().Get(s.Path("/vrijwilligers?postcode=0000XX"), token)->status == 400);
}

TEST_CASE("the store's commits, writes, syncs and their time, checkpoints and the memory are in "
          "/metrics",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  s.Create("vrijwilligers", R"({"voornaam":"Mila","achternaam":"Jansen","postcode":"1021 AB"})",
           TenantToken("0363"));

  auto r = s.http().Get("/metrics", "");
  REQUIRE(r.ok());
  REQUIRE(r->status == 200);
  auto value = [&](const std::string& name) {
    size_t at = r->body.find("\n" + name + " ");
    REQUIRE(at != std::string::npos);
    return std::stod(r->body.substr(at + name.size() + 2));
  };
  CHECK(value("vc_storage_writes") >= 2);  // the gemeente and the volunteer
  CHECK(value("vc_storage_commits") >= 1);
  CHECK(value("vc_storage_syncs") >= 1);
  CHECK(value("vc_storage_sync_seconds") > 0);
  CHECK(value("vc_storage_reruns") == 0);  // no write of these batches failed
  CHECK(value("vc_storage_checkpoints") >= 0);
  CHECK(value("vc_storage_inline_checkpoints") >= 0);
  CHECK(value("vc_storage_checkpoint_syncs") >= 0);
  CHECK(value("process_resident_memory_bytes") > 1 << 20);
  CHECK(value("vc_process_resident_memory_peak_bytes") >= value("process_resident_memory_bytes"));
}
