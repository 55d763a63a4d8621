#include "vc/notifications/message.h"

#include <catch2/catch.hpp>
#include <thread>

#include "test_receiver.h"
#include "vc/core/uuid.h"
#include "vc/notifications/dispatcher.h"
#include "vc/notifications/subscription.h"

namespace vn = vc::notifications;

namespace {

vn::Message Sample() {
  vn::Message m = vn::testing::SampleMessage("6f1c1a52-8f63-4d8e-9a55-3b2f0c7e1d01");
  m.kenmerken = {{"gemeente", "0363"}, {"status", "open"}, {"wijk", "Centrum \"Oost\""}};
  return m;
}

}  // namespace

TEST_CASE("a message survives the round trip through its JSON form", "[notifications][unit]") {
  vn::Message m = Sample();
  vc::Result<vn::Message> back = vn::ParseMessage(vn::ToJson(m));
  REQUIRE(back.ok());
  CHECK(back->id == m.id);
  CHECK(back->kanaal == m.kanaal);
  CHECK(back->hoofd_object == m.hoofd_object);
  CHECK(back->resource_url == m.resource_url);
  CHECK(back->actie == m.actie);
  CHECK(back->aanmaakdatum == m.aanmaakdatum);
  CHECK(back->kenmerken == m.kenmerken);
}

TEST_CASE("a message without a required member is refused, naming it", "[notifications][unit]") {
  auto [body, field] = GENERATE(table<std::string, std::string>({
      {R"({"hoofdObject":"h","resource":"r","resourceUrl":"u","actie":"a","aanmaakdatum":"d"})",
       "kanaal"},
      {R"({"kanaal":"k","hoofdObject":"h","resource":"r","resourceUrl":"u","actie":"a"})",
       "aanmaakdatum"},
      {R"({"kanaal":1,"hoofdObject":"h","resource":"r","resourceUrl":"u","actie":"a",)"
       R"("aanmaakdatum":"d"})",
       "kanaal"},
      {R"({"kanaal":"k","hoofdObject":"h","resource":"r","resourceUrl":"u","actie":"a",)"
       R"("aanmaakdatum":"d","kenmerken":{"wijk":3}})",
       "kenmerken.wijk"},
  }));
  vc::Result<vn::Message> m = vn::ParseMessage(body);
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().code() == vc::Code::kInvalidArgument);
  REQUIRE(m.status().fields().size() == 1);
  CHECK(m.status().fields()[0].name == field);
}

TEST_CASE("a subscription matches on its channel and every filter, * matching anything",
          "[notifications][unit]") {
  vn::Subscription s;
  auto [naam, filters, matches] =
      GENERATE(table<std::string, std::map<std::string, std::string>, bool>({
          {"vacatures", {}, true},
          {"vrijwilligers", {}, false},
          {"vacatures", {{"gemeente", "0363"}}, true},
          {"vacatures", {{"gemeente", "0599"}}, false},
          {"vacatures", {{"gemeente", "*"}, {"status", "open"}}, true},
          {"vacatures", {{"status", "gesloten"}}, false},
          {"vacatures", {{"onbekend", "*"}}, true},
          {"vacatures", {{"onbekend", "x"}}, false},
      }));
  s.kanalen = {{naam, filters}};
  CHECK(vn::Matches(s, Sample()) == matches);
}

TEST_CASE("a subscription in the Abonnement shape is parsed and checked", "[notifications][unit]") {
  SECTION("a valid one") {
    auto s = vn::ParseSubscription(
        R"({"callbackUrl":"http://ontvanger.local/notificaties","auth":"Bearer x",)"
        R"("kanalen":[{"naam":"vacatures","filters":{"gemeente":"0363"}}]})",
        {"vacatures"});
    REQUIRE(s.ok());
    CHECK(s->callback_url == "http://ontvanger.local/notificaties");
    REQUIRE(s->kanalen.size() == 1);
    CHECK(s->kanalen[0].filters.at("gemeente") == "0363");
  }
  SECTION("bad ones name the field") {
    auto [body, field] = GENERATE(table<std::string, std::string>({
        {R"({"auth":"a","kanalen":[{"naam":"vacatures"}]})", "callbackUrl"},
        {R"({"callbackUrl":"ftp://x/y","auth":"a","kanalen":[{"naam":"vacatures"}]})",
         "callbackUrl"},
        {R"({"callbackUrl":"http://x/y","kanalen":[{"naam":"vacatures"}]})", "auth"},
        {R"({"callbackUrl":"http://x/y","auth":"a","kanalen":[]})", "kanalen"},
        {R"({"callbackUrl":"http://x/y","auth":"a","kanalen":[{"naam":"zaken"}]})",
         "kanalen[0].naam"},
        {R"({"callbackUrl":"http://x/y","auth":"a","kanalen":[{"naam":"vacatures",)"
         R"("filters":{"wijk":1}}]})",
         "kanalen[0].filters.wijk"},
    }));
    auto s = vn::ParseSubscription(body, {"vacatures"});
    REQUIRE_FALSE(s.ok());
    REQUIRE(s.status().fields().size() == 1);
    CHECK(s.status().fields()[0].name == field);
  }
  SECTION("a configured list names the item") {
    auto list = vn::ParseSubscriptionList(
        R"([{"callbackUrl":"http://x/y","auth":"a","kanalen":[{"naam":"vacatures"}]},)"
        R"({"callbackUrl":"http://x/y","kanalen":[{"naam":"vacatures"}]}])");
    REQUIRE_FALSE(list.ok());
    CHECK(list.status().fields()[0].name == "[1].auth");
  }
}

TEST_CASE("the backoff doubles up to its cap, with jitter between half and all of it",
          "[notifications][unit]") {
  vn::DispatcherOptions options;
  options.backoff_base = std::chrono::milliseconds(100);
  options.backoff_max = std::chrono::milliseconds(1000);
  std::mt19937_64 random(42);
  auto [failures, full] = GENERATE(table<int, int64_t>(
      {{1, 100}, {2, 200}, {3, 400}, {4, 800}, {5, 1000}, {30, 1000}, {200, 1000}}));
  for (int i = 0; i < 50; ++i) {
    int64_t delay = vn::Backoff(options, failures, random).count();
    CHECK(delay >= full / 2);
    CHECK(delay <= full);
  }
}

TEST_CASE("a time-ordered id is a version 7 uuid that sorts after the ones made before it",
          "[notifications][unit]") {
  std::string previous = vn::TimeOrderedUuid();
  for (int i = 0; i < 50; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(i % 10 == 0 ? 2 : 0));
    const std::string id = vn::TimeOrderedUuid();
    INFO(previous << " then " << id);
    CHECK(vc::IsUuid(id));
    CHECK(id[14] == '7');
    CHECK(std::string("89ab").find(id[19]) != std::string::npos);
    // The first 13 characters are the millisecond, which never goes back within a test.
    CHECK(id.substr(0, 13) >= previous.substr(0, 13));
    CHECK(id != previous);
    previous = id;
  }
}
