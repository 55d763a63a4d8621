// The ceiling holds: many clients grant against one ceiling at the same time, and the sum of
// the grants never exceeds it; the receipt order decides who gets what.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "harness.h"

using namespace vc::subsidies::testing;

TEST_CASE("concurrent grants never exceed the ceiling and follow the receipt order",
          "[subsidies][integration][concurrency]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":1000000)");
  constexpr int kApplications = 40;
  constexpr int64_t kEach = 70000;
  std::vector<std::string> apps;
  for (int i = 0; i < kApplications; ++i) {
    apps.push_back(s.ApplicationInReview(manager, scheme, kEach));
  }

  // Granted in reverse order of receipt by 8 clients at once: the worst case for the rule.
  std::atomic<int> next{0};
  std::vector<int> status(kApplications, 0);
  std::vector<int64_t> granted(kApplications, 0);
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      vc::client::Client own(s.base_url(), std::chrono::seconds(30), 0);
      for (int i = next++; i < kApplications; i = next++) {
        const int index = kApplications - 1 - i;
        auto r = own.Post(s.Path("/aanvragen/" + apps[index] + "/stappen"),
                          R"({"actie":"verlenen","bedrag":70000})", manager);
        if (!r.ok()) continue;
        status[index] = r->status;
        if (r->status == 201) granted[index] = std::stoll(Member(r->body, "bedrag"));
      }
    });
  }
  for (std::thread& c : clients) c.join();

  int64_t sum = 0;
  for (int i = 0; i < kApplications; ++i) {
    CAPTURE(i, status[i]);
    CHECK((status[i] == 201 || status[i] == 422));
    sum += granted[i];
  }
  CHECK(sum <= 1000000);
  CHECK(sum == 1000000);

  // The first 14 by receipt get their whole amount, the 15th what is left, the rest nothing.
  for (int i = 0; i < 14; ++i) CHECK(granted[i] == kEach);
  CHECK(granted[14] == 1000000 - 14 * kEach);
  for (int i = 15; i < kApplications; ++i) CHECK(granted[i] == 0);

  auto scheme_now = s.http().Get(s.Path("/regelingen/" + scheme), manager);
  CHECK(Member(scheme_now->body, "geboekt") == std::to_string(sum));
  CHECK(Member(scheme_now->body, "resterendPlafond") == "0");
}

TEST_CASE("a scheme that grants no part refuses what does not fit whole",
          "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(manager, R"(,"plafond":100000,"deelsVerlenen":false)");
  const std::string first = s.ApplicationInReview(manager, scheme, 60000);
  const std::string second = s.ApplicationInReview(manager, scheme, 60000);
  REQUIRE(s.Step(manager, first, R"({"actie":"verlenen","bedrag":60000})").status == 201);
  auto r = s.Step(manager, second, R"({"actie":"verlenen","bedrag":60000})");
  CHECK(r.status == 422);
  CHECK(r.body.find("ceiling-exceeded") != std::string::npos);
}

namespace {

// A paper application received before the closing date, taken into review.
std::string Received(Running& s, const std::string& token, const std::string& scheme, int64_t cents,
                     const std::string& at) {
  std::string body = R"({"regeling":")" + scheme + R"(","organisatie":")" + kOrganisation +
                     R"(","aangevraagdBedrag":)" + std::to_string(cents) +
                     R"(,"omschrijving":"x","ontvangenOp":")" + at + R"(","kanaal":"balie"})";
  std::string id = Member(s.Create("/aanvragen", body, token), "id");
  REQUIRE(s.Step(token, id, R"({"actie":"in_behandeling_nemen"})").status == 201);
  return id;
}

std::string Assessed(const std::vector<std::pair<std::string, int>>& rows, int64_t cents) {
  std::string body = R"({"beoordelingen":[)";
  for (size_t i = 0; i < rows.size(); ++i) {
    body += (i ? "," : "") + std::string(R"({"aanvraag":")") + rows[i].first +
            R"(","goedgekeurdBedrag":)" + std::to_string(cents) + R"(,"punten":)" +
            std::to_string(rows[i].second) + "}";
  }
  return body + "]}";
}

}  // namespace

TEST_CASE("after the closing date a ranking divides the ceiling by points, then receipt",
          "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(
      manager, R"(,"plafond":100000,"verdeling":"rangschikking","sluitingsdatum":"2026-01-02")");
  const std::string late = Received(s, manager, scheme, 60000, "2026-01-01T10:00:00.002Z");
  const std::string early = Received(s, manager, scheme, 60000, "2026-01-01T10:00:00.001Z");
  const std::string best = Received(s, manager, scheme, 30000, "2026-01-02T23:00:00.000Z");

  CHECK(s.Step(manager, early, R"({"actie":"verlenen","bedrag":60000})").status == 409);
  auto r = s.http().Post(s.Path("/regelingen/" + scheme + "/verdelingen"),
                         Assessed({{late, 5}, {early, 5}, {best, 9}}, 60000), manager);
  REQUIRE(r.ok());
  INFO(r->body);
  CHECK(r->status == 422);  // best asked 30000: approving 60000 is refused, nothing booked
  r = s.http().Post(s.Path("/regelingen/" + scheme + "/verdelingen"),
                    Assessed({{late, 5}, {early, 5}}, 60000), manager);
  REQUIRE(r->status == 200);
  CHECK(Member(s.http().Get(s.Path("/aanvragen/" + early), manager)->body, "verleendBedrag") ==
        "60000");
  CHECK(Member(s.http().Get(s.Path("/aanvragen/" + late), manager)->body, "verleendBedrag") ==
        "40000");
  CHECK(Member(s.http().Get(s.Path("/regelingen/" + scheme), manager)->body, "resterendPlafond") ==
        "0");

  auto after = s.http().Post(s.Path("/aanvragen"),
                             R"({"regeling":")" + scheme + R"(","organisatie":")" + kOrganisation +
                                 R"(","aangevraagdBedrag":5,"omschrijving":"x",)"
                                 R"("ontvangenOp":"2026-01-03T00:00:00Z","kanaal":"papier"})",
                             manager);
  CHECK(after->status == 422);
  CHECK(after->body.find("\"name\":\"ontvangenOp\"") != std::string::npos);
}

TEST_CASE("pro rata lowers every grant alike within the ceiling", "[subsidies][integration]") {
  Running s;
  const std::string manager = ManagerToken("0344");
  const std::string scheme = s.Scheme(
      manager, R"(,"plafond":100000,"verdeling":"naar_rato","sluitingsdatum":"2026-01-02")");
  const std::string a = Received(s, manager, scheme, 100000, "2026-01-01T10:00:00Z");
  const std::string b = Received(s, manager, scheme, 100000, "2026-01-01T11:00:00Z");
  const std::string c = Received(s, manager, scheme, 100000, "2026-01-01T12:00:00Z");
  auto r = s.http().Post(s.Path("/regelingen/" + scheme + "/verdelingen"),
                         Assessed({{a, 0}, {b, 0}, {c, 0}}, 100000), manager);
  REQUIRE(r->status == 200);
  for (const std::string& id : {a, b, c}) {
    CHECK(Member(s.http().Get(s.Path("/aanvragen/" + id), manager)->body, "verleendBedrag") ==
          "33333");
  }
  CHECK(Member(s.http().Get(s.Path("/regelingen/" + scheme), manager)->body, "geboekt") == "99999");
}
