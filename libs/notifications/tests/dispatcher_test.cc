// The dispatcher against real receivers on loopback and a real SQLite file. Backoff is set to
// tens of milliseconds, so that "a receiver down for minutes" is simulated in seconds: what
// matters is the number of failed attempts before it comes back, not the wall time.
#include "vc/notifications/dispatcher.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>

#include "../src/post.h"
#include "producer_testing.h"
#include "test_receiver.h"
#include "vc/core/clock.h"
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

  int64_t Count(const std::string& sql) { return vn::testing::CountIn(*db, sql); }

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

  // The first round tries the head of every object once; then the breaker lets one probe
  // through per backoff period. 15 failed probes, with a 20-200 ms backoff a few seconds, are
  // as many as a real receiver that is down for hours would see.
  REQUIRE(WaitFor([&] { return dispatcher.failed_attempts() >= kObjects + 15; }, 20s));
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
        kObjects + 15);
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

TEST_CASE(
    "a receiver that answers 500 is retried with backoff, then dead-lettered, and an "
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
  REQUIRE(store.db->Write([&](vc::storage::Connection& c) { return vn::RetryDead(c, dead.uuid); })
              .ok());
  dispatcher.Wake();
  REQUIRE(WaitFor([&] { return receiver.count() == 1; }, 5s));
  CHECK(store.Dead().empty());
  CHECK(store.db->Write([&](vc::storage::Connection& c) { return vn::RetryDead(c, dead.uuid); })
            .code() == vc::Code::kNotFound);
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

TEST_CASE(
    "with forwarding set, every message goes to the external hub, whatever the "
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

// The circuit breaker. A constant backoff of 100 ms (jitter: 50 to 100 ms) makes the number
// of probes in a given time predictable within wide margins: without a breaker every blocked
// head would be retried once per period, with it the whole subscription is tried once.
TEST_CASE(
    "a dead receiver with many pending deliveries gets one probe per backoff period, "
    "and all of them in order once it is back",
    "[notifications][integration][breaker]") {
  Store store;
  const uint16_t port = vn::testing::FreePort();
  store.Subscribe("http://127.0.0.1:" + std::to_string(port) + "/notificaties",
                  {{"vacatures", {}}});
  const int kObjects = 20;
  const int kVersions = 10;
  for (int n = 0; n < kVersions; ++n) {
    for (int o = 0; o < kObjects; ++o) store.Publish("v" + std::to_string(o), n);
  }
  vn::DispatcherOptions options = FastOptions();
  options.backoff_base = 100ms;
  options.backoff_max = 100ms;
  vn::Dispatcher dispatcher(*store.db, options);

  // The first round tries the head of each object once and opens the breaker.
  REQUIRE(WaitFor([&] { return dispatcher.failed_attempts() >= kObjects; }, 10s));
  const auto opened = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(1500ms);
  const uint64_t probes = dispatcher.failed_attempts() - kObjects;
  const double periods =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count() / 0.05;
  INFO("probes " << probes << ", shortest periods in the time " << periods);
  CHECK(probes >= 3);
  CHECK(probes <= static_cast<uint64_t>(periods) + 2);  // without a breaker: about 20 per period
  CHECK(dispatcher.skipped_rounds() > 0);

  // Nothing behind a head was attempted or rewritten; every attempt made is on record.
  CHECK(store.Count("SELECT count(*) FROM afleveringen WHERE pogingen = 0") ==
        kObjects * (kVersions - 1));
  // Probes go on meanwhile, and an attempt is counted and recorded at slightly different
  // moments, so the two are compared between probes: when they agree.
  CHECK(WaitFor(
      [&] {
        const auto attempts = static_cast<int64_t>(dispatcher.failed_attempts());
        return store.Count("SELECT sum(pogingen) FROM afleveringen") == attempts &&
               store.Count("SELECT count(*) FROM afleverpogingen") == attempts &&
               static_cast<int64_t>(dispatcher.failed_attempts()) == attempts;
      },
      2s));

  TestReceiver receiver(kAuth, port);
  REQUIRE(WaitFor([&] { return dispatcher.delivered() == kObjects * kVersions; }, 20s));
  std::map<std::string, std::vector<int>> order = OrderPerObject(receiver.Received());
  REQUIRE(order.size() == static_cast<size_t>(kObjects));
  for (const auto& [object, versions] : order) {
    INFO(object);
    CHECK(versions == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  }
  CHECK(receiver.count() == static_cast<size_t>(kObjects * kVersions));
  CHECK(store.Count("SELECT count(*) FROM afleverpogingen WHERE fout IS NULL") ==
        kObjects * kVersions);
}

TEST_CASE(
    "an open breaker holds back only its own subscription, which gets no new deliveries "
    "written until its receiver is back",
    "[notifications][integration][breaker]") {
  Store store;
  const uint16_t port = vn::testing::FreePort();
  const std::string dead_url = "http://127.0.0.1:" + std::to_string(port) + "/notificaties";
  store.Subscribe(dead_url, {{"vacatures", {}}});
  TestReceiver alive(kAuth);
  store.Subscribe(alive.url(), {{"vacatures", {}}});
  vn::Dispatcher dispatcher(*store.db, FastOptions());
  const std::string dead_rows =
      "SELECT count(*) FROM afleveringen a JOIN abonnementen s ON s.id = a.abonnement "
      "WHERE s.callback_url = '" +
      dead_url + "'";

  for (int o = 0; o < 50; ++o) store.Publish("v" + std::to_string(o), 0);
  REQUIRE(WaitFor([&] { return alive.count() == 50; }, 10s));
  REQUIRE(WaitFor([&] { return dispatcher.failed_attempts() >= 1; }, 10s));
  const int64_t held = store.Count(dead_rows);
  CHECK(held >= 1);
  for (int o = 0; o < 50; ++o) store.Publish("v" + std::to_string(o), 1);
  REQUIRE(WaitFor([&] { return alive.count() == 100; }, 10s));
  CHECK(OrderPerObject(alive.Received()).size() == 50);
  CHECK(store.Count(dead_rows) == held);  // nothing written for the dead one meanwhile

  TestReceiver back(kAuth, port);
  REQUIRE(WaitFor([&] { return back.count() == 100; }, 20s));
  std::map<std::string, std::vector<int>> order = OrderPerObject(back.Received());
  REQUIRE(order.size() == 50);
  for (const auto& [object, versions] : order) {
    INFO(object);
    CHECK(versions == std::vector<int>{0, 1});
  }
  CHECK(store.Count(dead_rows) == 100);
  CHECK(store.Count("SELECT count(*) FROM notificatie_stand WHERE naam LIKE 'uitwaaieren:%'") == 0);
}

TEST_CASE("a drain does not wait for a subscription whose breaker is open",
          "[notifications][integration][breaker]") {
  Store store;
  const uint16_t port = vn::testing::FreePort();
  store.Subscribe("http://127.0.0.1:" + std::to_string(port) + "/notificaties",
                  {{"vacatures", {}}});
  for (int o = 0; o < 20; ++o) store.Publish("v" + std::to_string(o), 0);
  vn::DispatcherOptions options = FastOptions();
  options.backoff_base = 1s;
  options.backoff_max = 1s;
  vn::Dispatcher dispatcher(*store.db, options);
  REQUIRE(WaitFor([&] { return dispatcher.failed_attempts() >= 20; }, 10s));

  auto started = std::chrono::steady_clock::now();
  CHECK_FALSE(dispatcher.Drain(5s));
  CHECK(std::chrono::steady_clock::now() - started < 2s);
  CHECK(store.Count("SELECT count(*) FROM afleveringen WHERE status = 'gepland'") == 20);
}

TEST_CASE("with more subscriptions than a round has room for, each gets every message in order",
          "[notifications][integration]") {
  Store store;
  std::vector<std::unique_ptr<TestReceiver>> receivers;
  for (int i = 0; i < 5; ++i) receivers.push_back(Subscribed(store, Behaviour::kAccept));
  vn::DispatcherOptions options = FastOptions();
  options.batch = 2;
  vn::Dispatcher dispatcher(*store.db, options);

  for (int n = 0; n < 4; ++n) {
    for (int o = 0; o < 3; ++o) store.Publish("v" + std::to_string(o), n);
  }
  REQUIRE(WaitFor([&] { return dispatcher.delivered() == 5 * 12; }, 20s));
  for (const auto& receiver : receivers) {
    std::map<std::string, std::vector<int>> order = OrderPerObject(receiver->Received());
    REQUIRE(order.size() == 3);
    for (const auto& [object, versions] : order) {
      INFO(object);
      CHECK(versions == std::vector<int>{0, 1, 2, 3});
    }
  }
}

// The sender, against a raw HTTP/1.1 server on loopback whose answers are scripted byte by
// byte, so that every way a receiver may frame an answer, or drop a kept connection, is met.
namespace {

class ScriptedServer {
 public:
  // answers[i] is written after the i-th request; "" closes the connection without an
  // answer. close_after_each: close every connection after its answer, without saying so.
  explicit ScriptedServer(std::vector<std::string> answers, bool close_after_each = false)
      : answers_(std::move(answers)), close_after_each_(close_after_each) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    socklen_t size = sizeof address;
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { Accept(); });
  }

  ~ScriptedServer() {
    stopping_ = true;
    acceptor_.join();
    for (std::thread& t : serving_) t.join();
    ::close(listener_);
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  void Accept() {
    while (!stopping_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      ++connections_;
      serving_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  // Reads until a whole request (head and Content-Length body) is in; false at end or stop.
  bool ReadRequest(int fd, std::string* in, std::string* request) {
    for (;;) {
      const size_t head = in->find("\r\n\r\n");
      if (head != std::string::npos) {
        const size_t at = in->find("Content-Length: ");
        const size_t length = at < head ? std::stoul(in->substr(at + 16)) : 0;
        if (in->size() >= head + 4 + length) {
          *request = in->substr(0, head + 4 + length);
          in->erase(0, head + 4 + length);
          return true;
        }
      }
      pollfd p{fd, POLLIN, 0};
      if (stopping_) return false;
      if (::poll(&p, 1, 20) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) return false;
      in->append(buffer, static_cast<size_t>(n));
    }
  }

  void Serve(int fd) {
    std::string in, request;
    while (ReadRequest(fd, &in, &request)) {
      std::string answer;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        const size_t i = requests_.size();
        requests_.push_back(request);
        answer = i < answers_.size() ? answers_[i] : "HTTP/1.1 204 No Content\r\n\r\n";
      }
      if (answer.empty()) break;
      // No assertion here: Catch2 takes them on the test's thread only.
      if (answer != "hang" && ::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL) < 0) break;
      if (close_after_each_) break;
    }
    ::close(fd);
  }

  std::vector<std::string> answers_;
  bool close_after_each_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread acceptor_;
  std::vector<std::thread> serving_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
};

}  // namespace

TEST_CASE(
    "the sender keeps one connection for a stream of posts, however the answers are "
    "framed",
    "[notifications][sender]") {
  ScriptedServer server({
      "HTTP/1.1 204 No Content\r\n\r\n",
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhallo",
      "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-Na: 1\r\n\r\n",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
      "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}",
      "HTTP/1.1 202 Accepted\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
  });
  std::unique_ptr<vn::Sender> sender = vn::MakeSender(server.base(), 2s);
  REQUIRE(sender);
  const std::vector<int> expected = {204, 200, 200, 201, 500, 202};
  for (size_t i = 0; i < expected.size(); ++i) {
    INFO("post " << i);
    vn::PostOutcome outcome = sender->Post("/notificaties?x=1", "Bearer abc", "{\"n\":1}");
    CHECK(outcome.http_status == expected[i]);
    CHECK(outcome.error == (expected[i] == 500 ? "HTTP 500" : ""));
  }
  CHECK(server.connections() == 1);
  std::vector<std::string> requests = server.requests();
  REQUIRE(requests.size() == expected.size());
  CHECK(requests[0].rfind("POST /notificaties?x=1 HTTP/1.1\r\n", 0) == 0);
  CHECK(requests[0].find("\r\nHost: 127.0.0.1:") != std::string::npos);
  CHECK(requests[0].find("\r\nAuthorization: Bearer abc\r\n") != std::string::npos);
  CHECK(requests[0].find("\r\nContent-Type: application/json\r\n") != std::string::npos);
  CHECK(requests[0].substr(requests[0].size() - 11) == "\r\n\r\n{\"n\":1}");
}

TEST_CASE("the sender replaces a kept connection that the receiver closed, and loses no post",
          "[notifications][sender]") {
  SECTION("closed silently after each answer") {
    ScriptedServer server({}, true);
    std::unique_ptr<vn::Sender> sender = vn::MakeSender(server.base(), 2s);
    for (int i = 0; i < 3; ++i) {
      CHECK(sender->Post("/n", "", "{}").error.empty());
      std::this_thread::sleep_for(30ms);  // the close arrives before the next post
    }
    CHECK(server.requests().size() == 3);
    CHECK(server.connections() == 3);
  }
  SECTION("announced with Connection: close, or by HTTP/1.0, or by a body without length") {
    ScriptedServer server({"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n",
                           "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
                           "HTTP/1.1 200 OK\r\n\r\nthe rest until the close"},
                          true);
    std::unique_ptr<vn::Sender> sender = vn::MakeSender(server.base(), 2s);
    for (int i = 0; i < 4; ++i) CHECK(sender->Post("/n", "", "{}").error.empty());
    CHECK(server.connections() == 4);
  }
}

TEST_CASE("a receiver that answers nonsense, nothing, or is not there fails the attempt",
          "[notifications][sender]") {
  SECTION("not HTTP") {
    ScriptedServer server({"nonsense\r\n\r\n"});
    vn::PostOutcome outcome = vn::MakeSender(server.base(), 2s)->Post("/n", "", "{}");
    CHECK(outcome.http_status == 0);
    CHECK_FALSE(outcome.error.empty());
  }
  SECTION("a chunk size that is not hex: the status counts, the connection is dropped") {
    ScriptedServer server({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"});
    std::unique_ptr<vn::Sender> sender = vn::MakeSender(server.base(), 2s);
    CHECK(sender->Post("/n", "", "{}").http_status == 200);
    CHECK(sender->Post("/n", "", "{}").http_status == 204);
    CHECK(server.connections() == 2);
  }
  SECTION("closed without an answer on a fresh connection") {
    ScriptedServer server({""});
    vn::PostOutcome outcome = vn::MakeSender(server.base(), 2s)->Post("/n", "", "{}");
    CHECK(outcome.http_status == 0);
    CHECK(server.requests().size() == 1);  // not repeated: the connection was new
  }
  SECTION("silence, cut off by the timeout") {
    ScriptedServer server({"hang"});
    auto started = std::chrono::steady_clock::now();
    vn::PostOutcome outcome = vn::MakeSender(server.base(), 200ms)->Post("/n", "", "{}");
    CHECK(outcome.http_status == 0);
    CHECK(outcome.error.find("timeout") != std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 1s);
  }
  SECTION("nobody listening") {
    const uint16_t port = vn::testing::FreePort();
    vn::PostOutcome outcome =
        vn::MakeSender("http://127.0.0.1:" + std::to_string(port), 2s)->Post("/n", "", "{}");
    CHECK(outcome.http_status == 0);
    CHECK(outcome.error.find("connect") != std::string::npos);
  }
  SECTION("a line break in the auth value is refused before anything is sent") {
    ScriptedServer server({});
    vn::PostOutcome outcome =
        vn::MakeSender(server.base(), 2s)->Post("/n", "Bearer x\r\nX-Evil: 1", "{}");
    CHECK_FALSE(outcome.error.empty());
    CHECK(server.requests().empty());
  }
}

TEST_CASE("a sender is made for http and https origins, not for a malformed one",
          "[notifications][sender]") {
  CHECK(vn::MakeSender("http://127.0.0.1:8080", 1s));
  CHECK(vn::MakeSender("http://[::1]:8080", 1s));
  CHECK(vn::MakeSender("http://ontvanger.example.nl", 1s));
  CHECK(vn::MakeSender("https://ontvanger.example.nl", 1s));
  CHECK_FALSE(vn::MakeSender("http://", 1s));
}
