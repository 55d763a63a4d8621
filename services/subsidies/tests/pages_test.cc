// Lists page with next and previous links that keep the filters; the deadline list pages
// too; and the application page query is answered from an index for every filter.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "harness.h"
#include "storage/deadlines.h"
#include "storage/schema.h"
#include "storage/stores.h"
#include "vc/core/clock.h"
#include "vc/json/writer.h"
#include "vc/storage/database.h"

using namespace vc::subsidies::testing;

namespace {

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

// GET of a link the service gave (an absolute url on this service).
vc::client::Reply Follow(Running& s, const std::string& link, const std::string& token) {
  REQUIRE(link.rfind(s.base_url(), 0) == 0);
  auto r = s.http().Get(link.substr(s.base_url().size()), token);
  REQUIRE(r.ok());
  return *r;
}

std::string Apply(Running& s, const std::string& token, const std::string& scheme) {
  vc::json::Writer w;
  w.StartObject().Field("regeling", scheme).Field("organisatie", kOrganisation);
  w.Field("aangevraagdBedrag", int64_t{10000}).Field("omschrijving", "Buurtfeest").EndObject();
  return Member(s.Create("/aanvragen", w.Take(), token), "id");
}

}  // namespace

TEST_CASE(
    "a list links its next and previous pages, keeping the filters, and a page past "
    "the last is 404",
    "[subsidies][pages][integration]") {
  Running s;
  const std::string token = ManagerToken("0363");
  const std::string scheme = s.Scheme(token);
  s.Scheme(token);
  s.Scheme(token);

  auto first = s.http().Get(s.Path("/regelingen?pageSize=2"), token);
  REQUIRE(first->status == 200);
  rapidjson::Document one = Parse(first->body);
  CHECK(one["count"].GetInt() == 3);
  CHECK(one["results"].Size() == 2);
  CHECK(one["previous"].IsNull());
  REQUIRE(one["next"].IsString());
  const std::string next = one["next"].GetString();
  CHECK(next.find("pageSize=2") != std::string::npos);

  rapidjson::Document two = Parse(Follow(s, next, token).body);
  CHECK(two["results"].Size() == 1);
  CHECK(two["next"].IsNull());
  REQUIRE(two["previous"].IsString());
  CHECK(Parse(Follow(s, two["previous"].GetString(), token).body)["results"].Size() == 2);

  auto past = s.http().Get(s.Path("/regelingen?pageSize=2&page=3"), token);
  CHECK(past->status == 404);
  CHECK(IsProblem(*past));
  auto bad = s.http().Get(s.Path("/regelingen?pageSize=0"), token);
  CHECK(bad->status == 400);
  CHECK(bad->body.find("pageSize") != std::string::npos);

  for (int i = 0; i < 3; ++i) Apply(s, token, scheme);
  auto filtered =
      s.http().Get(s.Path("/aanvragen?regeling=" + scheme + "&status=concept&pageSize=2"), token);
  REQUIRE(filtered->status == 200);
  rapidjson::Document apps = Parse(filtered->body);
  CHECK(apps["count"].GetInt() == 3);
  REQUIRE(apps["next"].IsString());
  const std::string link = apps["next"].GetString();
  CHECK(link.find("regeling=" + scheme) != std::string::npos);
  CHECK(link.find("status=concept") != std::string::npos);
  CHECK(Parse(Follow(s, link, token).body)["results"].Size() == 1);
}

TEST_CASE("the deadline list pages like every other list", "[subsidies][pages][integration]") {
  Running s;
  const std::string token = ManagerToken("0363");
  const std::string scheme = s.Scheme(token);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(s.Step(token, Apply(s, token, scheme), R"({"actie":"indienen"})").status == 201);
  }

  auto first = s.http().Get(s.Path("/termijnen?pageSize=2"), token);
  REQUIRE(first->status == 200);
  rapidjson::Document one = Parse(first->body);
  CHECK(one["count"].GetInt() == 3);
  CHECK(one["results"].Size() == 2);
  REQUIRE(one["next"].IsString());
  rapidjson::Document two = Parse(Follow(s, one["next"].GetString(), token).body);
  CHECK(two["results"].Size() == 1);
  CHECK(std::string(two["results"][0]["soort"].GetString()) == "beslissing");

  // A year later every decision is overdue; the overdue filter is kept in the links.
  auto overdue =
      s.http().Get(s.Path("/termijnen?achterstallig=true&peildatum=2099-01-01&pageSize=1"), token);
  rapidjson::Document late = Parse(overdue->body);
  CHECK(late["count"].GetInt() == 3);
  REQUIRE(late["next"].IsString());
  CHECK(std::string(late["next"].GetString()).find("achterstallig=true") != std::string::npos);
  auto none = s.http().Get(s.Path("/termijnen?achterstallig=true&peildatum=2000-01-01"), token);
  CHECK(Parse(none->body)["count"].GetInt() == 0);
}

TEST_CASE("the application page query is answered from an index for every filter",
          "[subsidies][pages][storage]") {
  vc::testing::TempDir dir;
  vc::storage::Options options;
  options.path = dir.File("s.db");
  auto db = vc::storage::Database::Open(options, vc::subsidies::Migrations()).value();
  vc::storage::ReadLease lease = db->Read();

  const std::string scheme = "3c9d2a71-5e4f-4b8a-9c1d-2e3f4a5b6c7d";
  auto [regeling, status] = GENERATE_COPY(table<std::string, std::string>(
      {{"", ""}, {scheme, ""}, {"", "ingediend"}, {scheme, "ingediend"}}));
  const vc::subsidies::ApplicationQuery q = vc::subsidies::QueryFor("0363", {regeling, status});
  CHECK(q.params.size() == 1u + !regeling.empty() + !status.empty());
  for (const std::string& sql : {q.page_sql, q.count_sql}) {
    auto plan = lease->Prepare("EXPLAIN QUERY PLAN " + sql);
    REQUIRE(plan.ok());
    std::string details;
    while ((*plan)->Step().value()) details += std::string((*plan)->Text(3)) + "; ";
    INFO(sql << "\n" << details);
    CHECK(details.find("USING") != std::string::npos);
    CHECK(details.find("INDEX aanvragen_") != std::string::npos);
    CHECK(details.find("SCAN") == std::string::npos);
    CHECK(details.find("TEMP B-TREE") == std::string::npos);
  }
}

namespace {

// A scheme and an application in each state, as a store of schema version 2 held them.
const char kRowsBefore[] = R"sql(
INSERT INTO regelingen (id, gemeente, naam, soort, periode_begin, periode_eind, deels_verlenen,
  verdeling, verplichte_documenten, geen_verslag_onder, activiteitenverslag_tot,
  beslistermijn_weken, vaststellingstermijn_weken, verantwoording_uiterlijk, verplichtingen,
  aangemaakt_op)
VALUES ('r', '0363', 'R', 'projectsubsidie', 20453, 20818, 1, 'volgorde_van_ontvangst', '[]',
  2500000, 12500000, 8, 4, 20878, '', '2026-01-01T00:00:00.000Z');
INSERT INTO aanvragen (id, gemeente, regeling_id, organisatie_id, omschrijving, status,
  aangevraagd, niveau, ontvangen_ms, verantwoording_dag, kanaal, ingevoerd_door, ingevoerd_op,
  aangemaakt_op, gewijzigd_op)
VALUES
  ('concept', '0363', 'r', 'o', '', 'concept', 1, 'geen_verantwoording', NULL, NULL, 'digitaal',
    'x', '', '', ''),
  ('submitted', '0363', 'r', 'o', '', 'ingediend', 1, 'geen_verantwoording', 1770110100123,
    NULL, 'digitaal', 'x', '', '', ''),
  ('small', '0363', 'r', 'o', '', 'verleend', 1, 'geen_verantwoording', 1770110100123, NULL,
    'digitaal', 'x', '', '', ''),
  ('large', '0363', 'r', 'o', '', 'voorschot_betaald', 1, 'activiteitenverslag', 1770110100123,
    NULL, 'digitaal', 'x', '', '', ''),
  ('accounted', '0363', 'r', 'o', '', 'verantwoording_ingediend', 1, 'activiteitenverslag',
    1770110100123, 20833, 'digitaal', 'x', '', '', ''),
  ('settled', '0363', 'r', 'o', '', 'vastgesteld', 1, 'geen_verantwoording', 1770110100123,
    NULL, 'digitaal', 'x', '', '', '');
)sql";

std::string PlanOf(vc::storage::Connection& c, const std::string& sql) {
  auto plan = c.Prepare("EXPLAIN QUERY PLAN " + sql);
  REQUIRE(plan.ok());
  std::string details;
  while ((*plan)->Step().value()) details += std::string((*plan)->Text(3)) + "; ";
  return details;
}

}  // namespace

TEST_CASE("a page of deadlines is read from the index of stored deadlines, in its order",
          "[subsidies][pages][storage]") {
  vc::testing::TempDir dir;
  vc::storage::Options options;
  options.path = dir.File("s.db");
  auto db = vc::storage::Database::Open(options, vc::subsidies::Migrations()).value();
  vc::storage::ReadLease lease = db->Read();

  const bool overdue_only = GENERATE(false, true);
  const vc::subsidies::DeadlineQuery q = vc::subsidies::DeadlineQueryFor(overdue_only);
  for (const std::string& sql : {q.page_sql, q.count_sql}) {
    const std::string details = PlanOf(*lease, sql);
    INFO(sql << "\n" << details);
    CHECK(details.find("INDEX aanvragen_termijnen") != std::string::npos);
    CHECK(details.find("SCAN") == std::string::npos);
    CHECK(details.find("TEMP B-TREE") == std::string::npos);
  }
}

TEST_CASE("a store from before stored deadlines gets them when it is opened",
          "[subsidies][pages][storage]") {
  vc::testing::TempDir dir;
  vc::storage::Options options;
  options.path = dir.File("s.db");
  const auto& all = vc::subsidies::Migrations();
  {
    std::vector<vc::storage::Migration> before(all.begin(), all.begin() + 2);
    auto old = vc::storage::Database::Open(options, before).value();
    REQUIRE(old->Write([](vc::storage::Connection& c) { return c.Exec(kRowsBefore); }).ok());
    old->Close();
  }

  auto db = vc::storage::Database::Open(options, all).value();
  vc::storage::ReadLease lease = db->Read();
  auto listed = vc::subsidies::DeadlinesOf(*lease, "0363", false, 0, {0, 20});
  REQUIRE(listed.ok());
  std::vector<std::string> got;
  for (const vc::subsidies::Deadline& d : listed->items) {
    got.push_back(d.application_id + " " + d.kind + " " + vc::FormatIsoDate(d.due));
  }
  CHECK(listed->count == 4);
  CHECK(got == std::vector<std::string>{
                   "submitted beslissing 2026-03-31", "small vaststelling 2027-01-28",
                   "accounted vaststelling 2027-02-12", "large verantwoording 2027-03-01"});
}
