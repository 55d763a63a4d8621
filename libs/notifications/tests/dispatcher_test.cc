// The dispatcher against real receivers on loopback and a real SQLite file. Backoff is set to
// tens of milliseconds, so that "a receiver down for minutes" is simulated in seconds: what
// matters is the number of failed attempts before it comes back, not the wall time.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "test_receiver.h"
#include "vc/core/clock.h"
#include "vc/notifications/dispatcher.h"
#include "vc/notifications/outbox.h"
#include "vc/notifications/subscription.h"
#include "vc/testing/support.h"

namespace vn = vc::notifications;
using vn::testing::Behaviour;
using vn::testing::TestReceiver;
using vn::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

const std::string kAuth = "Bearer geheim-van-de-ontvanger";

struct Store {
  vc::testing::TempDir dir;
  std::unique_ptr<vc::storage::Database> db;

  Store() { Open(); }
  void Open() {
    vc::storage::Options options;
    options.path = dir.File("outbox.db");
    auto opened = vc::storage::Database::Open(options, {{1, vn::SchemaSql()}});
    REQUIRE(opened.ok());
    db = std::move(opened).value();
  }

  void Subscribe(const std::string& url, std::vector<vn::ChannelFilter> kanalen,
                 const std::string& auth = kAuth) {
    vn::Subscription s;
    s.callback_url = url;
    s.auth = auth;
    s.kanalen = std::move(kanalen);
    REQUIRE(db->Write([&](vc::storage::Connection& c) {
                return vn::InsertSubscription(c, s, "2026-12-03T00:00:00.000Z");
              }).ok());
  }

  void Publish(const std::string& object, int n, const std::string& wijk = "Centrum") {
    vn::Message m;
    m.kanaal = "vacatures";
    m.hoofd_object = "http://localhost/vacatures/" + object;
    m.resource = "vacature";
    m.resource_url = m.hoofd_object;
    m.actie = n == 0 ? "create" : "update";
    m.kenmerken = {{"gemeente", "0363"}, {"wijk", wijk}, {"volgorde", std::to_string(n)}};
    REQUIRE(db->Write([&](vc::storage::Connection& c) { return vn::Append(c, m); }).ok());
  }

  int64_t Count(const std::string& sql) {
    vc::storage::ReadLease lease = db->Read();
    auto st = lease->Prepare(sql);
    REQUIRE(st.ok());
    auto row = (*st)->Step();
    REQUIRE(row.ok());
    return (*st)->Int(0);
  }

  std::vector<vn::Delivery> Dead() {
    vc::storage::ReadLease lease = db->Read();
    auto list = vn::ListDead(*lease, 100, 0);
    REQUIRE(list.ok());
    return *list;
  }
};

vn::DispatcherOptions FastOptions(int max_attempts = 1000) {
  vn::DispatcherOptions o;
  o.attempt_timeout = 300ms;
  o.backoff_base = 20ms;
  o.backoff_max = 200ms;
  o.max_attempts = max_attempts;
  o.poll_interval = 10ms;
  return o;
}

// A receiver that behaves so, subscribed to the channel vacatures of the store.
std::unique_ptr<TestReceiver> Subscribed(Store& store, Behaviour behaviour) {
  auto receiver = std::make_unique<TestReceiver>(kAuth);
  receiver->Set(behaviour);
  store.Subscribe(receiver->url(), {{"vacatures", {}}});
  return receiver;
}

// Per hoofdObject, the "volgorde" kenmerken in the order of first arrival, duplicates removed.
std::map<std::string, std::vector<int>> OrderPerObject(const std::vector<vn::Message>& got) {
  std::set<std::string> seen;
  std::map<std::string, std::vector<int>> order;
  for (const vn::Message& m : got) {
    if (!seen.insert(m.id).second) continue;
    order[m.hoofd_object].push_back(std::stoi(m.kenmerken.at("volgorde")));
  }
  return order;
}

}  // namespace

TEST_CASE("a receiver that is down and comes back gets every notification, in order per object",
          "[notifications][integration]") {
  Store store;
  const uint16_t port = vn::testing::FreePort();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/notificaties";
  store.Subscribe(url, {{"vacatures", {}}});
  vn::Dispatcher dispatcher(*store.db, FastOptions());

  const int kObjects = 20;
  const int kVersions = 10;
  for (int n = 0; n < kVersions; ++n) {
    for (int o = 0; o < kObjects; ++o) store.Publish("v" + std::to_string(o), n);
  }

  // Down for 3 seconds: with a 20-200 ms backoff that is 15 or more failed attempts per
  // delivery, as many as a real receiver that is down for hours would see.
  REQUIRE(WaitFor([&] { return dispatcher.failed_attempts() >= 15 * kObjects; }, 20s));
  TestReceiver receiver(kAuth, port);

  REQUIRE(WaitFor([&] { return dispatcher.delivered() == kObjects * kVersions; }, 30s));
  std::map<std::string, std::vector<int>> order = OrderPerObject(receiver.Received());
  REQUIRE(order.size() == static_cast<size_t>(kObjects));
  for (const auto& [object, versions] : order) {
    INFO(object);
    CHECK(versions == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }
  CHECK(store.Count("SELECT count(*) FROM afleveringen WHERE status = 'afgeleverd'") ==
        kObjects * kVersions);
  CHECK(store.Count("SELECT count(*) FROM afleverpogingen WHERE fout IS NOT NULL") >=
        15 * kObjects);
  CHECK(receiver.refused() == 0);
}

TEST_CASE("only subscriptions whose channel and filters match get a notification",
          "[notifications][integration]") {
  Store store;
  TestReceiver centrum(kAuth);
  TestReceiver alles(kAuth);
  TestReceiver ander_kanaal(kAuth);
  store.Subscribe(centrum.url(), {{"vacatures", {{"wijk", "Centrum"}, {"gemeente", "*"}}}});
  store.Subscribe(alles.url(), {{"vacatures", {{"wijk", "*"}}}});
  store.Subscribe(ander_kanaal.url(), {{"vrijwilligers", {}}});
  vn::Dispatcher dispatcher(*store.db, FastOptions());

  store.Publish("a", 0, "Centrum");
  store.Publish("b", 0, "Noord");
  REQUIRE(WaitFor([&] { return dispatcher.delivered() == 3; }, 10s));
  REQUIRE(dispatcher.Drain(2s));

  REQUIRE(centrum.count() == 1);
  CHECK(centrum.Received()[0].kenmerken.at("wijk") == "Centrum");
  CHECK(alles.count() == 2);
  CHECK(ander_kanaal.count() == 0);
}

TEST_CASE("a receiver that answers 500 is retried with backoff, then dead-lettered, and an "
          "operator can retry it",
          "[notifications][integration]") {
  Store store;
  auto receiver_ptr = Subscribed(store, Behaviour::kFail);
  TestReceiver& receiver = *receiver_ptr;
  vn::DispatcherOptions options = FastOptions(4);
  options.backoff_base = 50ms;
  vn::Dispatcher dispatcher(*store.db, options);

  auto started = std::chrono::steady_clock::now();
  store.Publish("a", 0);
  REQUIRE(WaitFor([&] { return store.Dead().size() == 1; }, 10s));
  // Three waits of at least 25, 50 and 100 ms (half of 50, 100, 200: the jitter floor).
  CHECK(std::chrono::steady_clock::now() - started >= 175ms);

  vn::Delivery dead = store.Dead()[0];
  CHECK(dead.pogingen == 4);
  CHECK(dead.laatste_fout == "HTTP 500");
  REQUIRE(dead.attempts.size() == 4);
  for (const vn::Attempt& a : dead.attempts) {
    CHECK(a.http_status == 500);
    CHECK(vc::ParseRfc3339(a.tijdstip).has_value());
  }
  CHECK(receiver.count() == 0);

  receiver.Set(Behaviour::kAccept);
  REQUIRE(store.db->Write([&](vc::storage::Connection& c) {
                return vn::RetryDead(c, dead.uuid);
              }).ok());
  dispatcher.Wake();
  REQUIRE(WaitFor([&] { return receiver.count() == 1; }, 5s));
  CHECK(store.Dead().empty());
  CHECK(store.db->Write([&](vc::storage::Connection& c) {
                  return vn::RetryDead(c, dead.uuid);
                }).code() == vc::Code::kNotFound);
}

TEST_CASE("a receiver that hangs is cut off by the attempt timeout and dead-lettered",
          "[notifications][integration]") {
  Store store;
  auto receiver = Subscribed(store, Behaviour::kHang);
  vn::DispatcherOptions options = FastOptions(2);
  options.attempt_timeout = 100ms;
  vn::Dispatcher dispatcher(*store.db, options);

  store.Publish("a", 0);
  REQUIRE(WaitFor([&] { return store.Dead().size() == 1; }, 10s));
  vn::Delivery dead = store.Dead()[0];
  REQUIRE(dead.attempts.size() == 2);
  CHECK(dead.attempts[0].http_status == 0);
  CHECK_FALSE(dead.attempts[0].fout.empty());
}

TEST_CASE("a dead letter does not block the later notifications of its object",
          "[notifications][integration]") {
  Store store;
  auto receiver_ptr = Subscribed(store, Behaviour::kFail);
  TestReceiver& receiver = *receiver_ptr;
  vn::Dispatcher dispatcher(*store.db, FastOptions(2));

  store.Publish("a", 0);
  REQUIRE(WaitFor([&] { return store.Dead().size() == 1; }, 10s));
  receiver.Set(Behaviour::kAccept);
  store.Publish("a", 1);
  dispatcher.Wake();
  REQUIRE(WaitFor([&] { return receiver.count() == 1; }, 5s));
  CHECK(receiver.Received()[0].kenmerken.at("volgorde") == "1");
}

TEST_CASE("the dispatcher resumes after a restart with what it had not delivered",
          "[notifications][integration]") {
  Store store;
  const uint16_t port = vn::testing::FreePort();
  store.Subscribe("http://127.0.0.1:" + std::to_string(port) + "/notificaties",
                  {{"vacatures", {}}});
  for (int o = 0; o < 30; ++o) store.Publish("v" + std::to_string(o), 0);
  {
    vn::Dispatcher first(*store.db, FastOptions());
    REQUIRE(WaitFor([&] { return first.failed_attempts() >= 30; }, 10s));
    CHECK_FALSE(first.Drain(0ms));
  }
  store.db->Close();
  store.db.reset();
  store.Open();

  TestReceiver receiver(kAuth, port);
  vn::Dispatcher second(*store.db, FastOptions());
  REQUIRE(WaitFor([&] { return receiver.count() == 30; }, 10s));
  CHECK(store.Count("SELECT count(*) FROM afleveringen") == 30);
}

TEST_CASE("drain delivers what is due within its bound, and gives up at the bound",
          "[notifications][integration]") {
  Store store;
  TestReceiver receiver(kAuth);
  store.Subscribe(receiver.url(), {{"vacatures", {}}});

  SECTION("a healthy receiver gets everything queued before the drain") {
    for (int o = 0; o < 300; ++o) store.Publish("v" + std::to_string(o), 0);
    vn::Dispatcher dispatcher(*store.db, FastOptions());
    CHECK(dispatcher.Drain(10s));
    CHECK(receiver.count() == 300);
  }
  SECTION("a hanging receiver is left at the bound") {
    receiver.Set(Behaviour::kHang);
    vn::DispatcherOptions options = FastOptions();
    options.attempt_timeout = 200ms;
    for (int o = 0; o < 20; ++o) store.Publish("v" + std::to_string(o), 0);
    vn::Dispatcher dispatcher(*store.db, options);
    auto started = std::chrono::steady_clock::now();
    CHECK_FALSE(dispatcher.Drain(300ms));
    CHECK(std::chrono::steady_clock::now() - started < 300ms + 2 * options.attempt_timeout + 200ms);
  }
}

TEST_CASE("a notification appended in work that fails is rolled back with it",
          "[notifications][integration]") {
  Store store;
  vn::Message m;
  m.kanaal = "vacatures";
  m.hoofd_object = "http://localhost/vacatures/x";
  m.resource = "vacature";
  m.resource_url = m.hoofd_object;
  m.actie = "create";
  vc::Status s = store.db->Write([&](vc::storage::Connection& c) -> vc::Status {
    VC_RETURN_IF_ERROR(vn::Append(c, m));
    return vc::Status(vc::Code::kConflict, "the change itself failed");
  });
  CHECK(s.code() == vc::Code::kConflict);
  CHECK(store.Count("SELECT count(*) FROM notificaties") == 0);

  REQUIRE(store.db->Write([&](vc::storage::Connection& c) { return vn::Append(c, m); }).ok());
  CHECK(store.Count("SELECT count(*) FROM notificaties") == 1);
  m.kanaal.clear();
  CHECK(store.db->Write([&](vc::storage::Connection& c) { return vn::Append(c, m); }).code() ==
        vc::Code::kInvalidArgument);
}

TEST_CASE("with forwarding set, every message goes to the external hub, whatever the "
          "subscriptions",
          "[notifications][integration]") {
  Store store;
  TestReceiver hub(kAuth);
  TestReceiver subscriber(kAuth);
  store.Subscribe(subscriber.url(), {{"vacatures", {}}});
  vn::DispatcherOptions options = FastOptions();
  options.forward_url = hub.url();
  int minted = 0;
  options.forward_auth = [&minted] {
    ++minted;
    return kAuth;
  };
  vn::Dispatcher dispatcher(*store.db, options);
  for (int o = 0; o < 5; ++o) store.Publish("v" + std::to_string(o), 0);
  REQUIRE(WaitFor([&] { return hub.count() == 5; }, 10s));
  REQUIRE(dispatcher.Drain(2s));
  CHECK(subscriber.count() == 0);
  CHECK(minted >= 1);
  CHECK(hub.refused() == 0);
}
