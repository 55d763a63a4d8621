// /abonnementen and /mislukte-afleveringen over HTTP against the real binary.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "harness.h"
#include "test_receiver.h"

using namespace vc::registration::testing;
namespace vn = vc::notifications;
using vn::testing::Behaviour;
using vn::testing::TestReceiver;
using vn::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer ontvanger-geheim";
using Env = std::map<std::string, std::string>;

std::string Body(const std::string& url, const std::string& kanalen = R"([{"naam":"vacatures"}])") {
  return R"({"callbackUrl":")" + url + R"(","auth":")" + kAuth + R"(","kanalen":)" + kanalen + "}";
}

rapidjson::Document Parse(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

std::string FirstInvalidParam(const vc::client::Reply& r) {
  rapidjson::Document doc = Parse(r.body);
  REQUIRE(doc.HasMember("invalidParams"));
  return doc["invalidParams"][0]["name"].GetString();
}

}  // namespace

TEST_CASE(
    "a subscription is verified by a test delivery, stored, listed without its auth, "
    "and deleted",
    "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(Env{{"VC_NOTIFICATIES_POLL_MS", "10"}});
  s.Onboard("0363", "Amsterdam");
  const std::string admin = Token({"notificaties.beheer"});

  auto created = s.http().Post(s.Path("/abonnementen"), Body(receiver.url()), admin);
  REQUIRE(created.ok());
  REQUIRE(created->status == 201);
  CHECK(created->body.find("auth") == std::string::npos);
  REQUIRE(receiver.count() == 1);
  CHECK(receiver.Received()[0].kanaal == "test");
  const std::string id = IdOf(created->body);
  REQUIRE(created->Header("location"));
  CHECK(*created->Header("location") == Parse(created->body)["url"].GetString());

  auto list = s.http().Get(s.Path("/abonnementen"), admin);
  REQUIRE(list.ok());
  CHECK(list->status == 200);
  CHECK(Parse(list->body)["count"].GetInt() == 1);
  CHECK(list->body.find(kAuth) == std::string::npos);
  auto one = s.http().Get(s.Path("/abonnementen/" + id), admin);
  REQUIRE(one->status == 200);
  CHECK(std::string(Parse(one->body)["bron"].GetString()) == "api");

  // The stored subscription is used: a new vacancy reaches the receiver.
  const std::string token = TenantToken("0363");
  std::string org = s.Create("organisaties", R"({"naam":"A","soort":"stichting"})", token);
  std::string vacature =
      s.Create("vacatures", R"({"organisatie":")" + org + R"(","titel":"Maatje"})", token);
  REQUIRE(WaitFor([&] { return receiver.count() == 2; }, 10s));
  CHECK(receiver.Received()[1].resource_url.find(vacature) != std::string::npos);

  REQUIRE(s.http().Delete(s.Path("/abonnementen/" + id), admin)->status == 204);
  CHECK(s.http().Get(s.Path("/abonnementen/" + id), admin)->status == 404);
  CHECK(s.http().Delete(s.Path("/abonnementen/" + id), admin)->status == 404);
}

TEST_CASE("a subscription that cannot be verified or is malformed is refused, naming the field",
          "[registration][notifications][integration]") {
  TestReceiver failing(kAuth);
  failing.Set(Behaviour::kFail);
  Running s(Env{{"VC_NOTIFICATIES_TIMEOUT_MS", "500"}});
  const std::string admin = Token({"notificaties.beheer"});

  const std::string refused = Body(failing.url());
  const std::string unknown_channel = Body(failing.url(), R"([{"naam":"zaken"}])");
  auto [body, field] = GENERATE_COPY(table<std::string, std::string>({
      {refused, "callbackUrl"},
      {Body("http://127.0.0.1:1/nergens"), "callbackUrl"},
      {unknown_channel, "kanalen[0].naam"},
      {R"({"callbackUrl":"http://127.0.0.1:1/x","kanalen":[{"naam":"vacatures"}]})", "auth"},
      {R"({"callbackUrl":"http://127.0.0.1:1/x","auth":"a"})", "kanalen"},
      {R"({"callbackUrl":"niet-een-url","auth":"a","kanalen":[{"naam":"vacatures"}]})",
       "callbackUrl"},
  }));
  auto r = s.http().Post(s.Path("/abonnementen"), body, admin);
  REQUIRE(r.ok());
  CHECK(r->status == 400);
  CHECK(IsProblem(*r));
  CHECK(FirstInvalidParam(*r) == field);
  CHECK(Parse(s.http().Get(s.Path("/abonnementen"), admin)->body)["count"].GetInt() == 0);
}

TEST_CASE("a gemeente's token subscribes only to its own gemeente and sees no other's",
          "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s;
  const std::string amsterdam = Token({"notificaties.beheer"}, "0363");
  const std::string utrecht = Token({"notificaties.beheer"}, "0344");

  auto created = s.http().Post(
      s.Path("/abonnementen"),
      Body(receiver.url(), R"([{"naam":"vacatures","filters":{"gemeente":"*"}}])"), amsterdam);
  REQUIRE(created->status == 201);
  rapidjson::Document doc = Parse(created->body);
  CHECK(std::string(doc["kanalen"][0]["filters"]["gemeente"].GetString()) == "0363");
  const std::string id = IdOf(created->body);

  CHECK(s.http().Get(s.Path("/abonnementen/" + id), utrecht)->status == 404);
  CHECK(Parse(s.http().Get(s.Path("/abonnementen"), utrecht)->body)["count"].GetInt() == 0);
  CHECK(s.http().Get(s.Path("/mislukte-afleveringen"), amsterdam)->status == 403);
  CHECK(s.http().Get(s.Path("/abonnementen"), TenantToken("0363"))->status == 403);
}

TEST_CASE("a configured subscription is listed and cannot be deleted over the API",
          "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  Running s(Env{{"VC_NOTIFICATIES_ABONNEMENTEN", "[" + Body(receiver.url()) + "]"}});
  const std::string admin = Token({"notificaties.beheer"});
  auto list = s.http().Get(s.Path("/abonnementen"), admin);
  rapidjson::Document doc = Parse(list->body);
  REQUIRE(doc["count"].GetInt() == 1);
  CHECK(std::string(doc["results"][0]["bron"].GetString()) == "configuratie");
  const std::string id = doc["results"][0]["id"].GetString();
  CHECK(s.http().Delete(s.Path("/abonnementen/" + id), admin)->status == 409);

  s.process().Terminate();
  s.Restart();
  CHECK(Parse(s.http().Get(s.Path("/abonnementen"), admin)->body)["count"].GetInt() == 1);
}

TEST_CASE("a dead letter is listed with its attempts and an operator retries it over REST",
          "[registration][notifications][integration]") {
  TestReceiver receiver(kAuth);
  receiver.Set(Behaviour::kFail);
  Running s(Env{{"VC_NOTIFICATIES_ABONNEMENTEN", "[" + Body(receiver.url()) + "]"},
                {"VC_NOTIFICATIES_POLL_MS", "10"},
                {"VC_NOTIFICATIES_BACKOFF_MS", "20"},
                {"VC_NOTIFICATIES_POGINGEN", "3"}});
  s.Onboard("0363", "Amsterdam");
  const std::string admin = Token({"notificaties.beheer"});
  const std::string token = TenantToken("0363");
  std::string org = s.Create("organisaties", R"({"naam":"A","soort":"stichting"})", token);
  std::string vacature =
      s.Create("vacatures", R"({"organisatie":")" + org + R"(","titel":"Maatje"})", token);

  rapidjson::Document dead;
  REQUIRE(WaitFor(
      [&] {
        dead = Parse(s.http().Get(s.Path("/mislukte-afleveringen"), admin)->body);
        return dead["count"].GetInt() == 1;
      },
      10s));
  const rapidjson::Value& item = dead["results"][0];
  CHECK(item["pogingen"].GetInt() == 3);
  CHECK(std::string(item["laatsteFout"].GetString()) == "HTTP 500");
  CHECK(item["afleverpogingen"].Size() == 3);
  CHECK(item["afleverpogingen"][0]["httpStatus"].GetInt() == 500);
  CHECK(std::string(item["notificatie"]["resourceUrl"].GetString()).find(vacature) !=
        std::string::npos);

  receiver.Set(Behaviour::kAccept);
  const std::string id = item["id"].GetString();
  auto retried = s.http().Post(s.Path("/mislukte-afleveringen/" + id + "/herhaling"), "", admin);
  REQUIRE(retried.ok());
  CHECK(retried->status == 204);
  REQUIRE(WaitFor([&] { return receiver.count() == 1; }, 10s));
  CHECK(Parse(s.http().Get(s.Path("/mislukte-afleveringen"), admin)->body)["count"].GetInt() == 0);
  CHECK(s.http().Post(s.Path("/mislukte-afleveringen/" + id + "/herhaling"), "", admin)->status ==
        404);
}
