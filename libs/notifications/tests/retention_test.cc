// The outbox's retention on a real SQLite file: what a pass removes and what it must keep,
// and the dispatcher running passes by itself.
#include "../src/retention.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>

#include "producer_testing.h"
#include "test_receiver.h"
#include "vc/core/clock.h"
#include "vc/core/uuid.h"
#include "vc/notifications/dispatcher.h"
#include "vc/notifications/outbox.h"
#include "vc/notifications/subscription.h"
#include "vc/testing/support.h"

namespace vn = vc::notifications;
using namespace std::chrono_literals;

namespace {

const std::string kOld = "2026-01-01T00:00:00.000Z";
const std::string kCutoff = "2026-06-01T00:00:00.000Z";
const std::string kRecent = "2026-11-01T00:00:00.000Z";

struct Outbox {
  vc::testing::TempDir dir;
  std::unique_ptr<vc::storage::Database> db;

  Outbox() {
    vc::storage::Options options;
    options.path = dir.File("outbox.db");
    auto opened = vc::storage::Database::Open(options, {{1, vn::SchemaSql()}});
    REQUIRE(opened.ok());
    db = std::move(opened).value();
  }

  // Appends a message stamped `when`; returns its volgnummer.
  int64_t Publish(const std::string& when) {
    vn::Message m;
    m.kanaal = "vacatures";
    m.hoofd_object = "http://localhost/vacatures/" + vc::NewUuid();
    m.resource = "vacature";
    m.resource_url = m.hoofd_object;
    m.actie = "create";
    m.aanmaakdatum = when;
    REQUIRE(db->Write([&](vc::storage::Connection& c) { return vn::Append(c, m); }).ok());
    return Count("SELECT max(volgnummer) FROM notificaties");
  }

  // A delivery of message `volgnummer` in `status`, with `attempts` attempts on record.
  void Deliver(int64_t volgnummer, const std::string& status, int attempts) {
    REQUIRE(db->Write([&](vc::storage::Connection& c) -> vc::Status {
                auto insert = c.Prepare(
                    "INSERT INTO afleveringen (uuid, notificatie, abonnement, hoofd_object, "
                    "status, volgende_poging_op) VALUES (?, ?, 'abonnement', 'x', ?, 0)");
                if (!insert.ok()) return insert.status();
                VC_RETURN_IF_ERROR(
                    (*insert)->Bind(1, vc::NewUuid()).Bind(2, volgnummer).Bind(3, status).Run());
                for (int i = 0; i < attempts; ++i) {
                  VC_RETURN_IF_ERROR(
                      c.Exec("INSERT INTO afleverpogingen (aflevering, tijdstip, http_status) "
                             "SELECT max(id), '" +
                             kOld + "', 204 FROM afleveringen"));
                }
                return vc::Status::Ok();
              }).ok());
  }

  void Exec(const std::string& sql) {
    REQUIRE(db->Write([&](vc::storage::Connection& c) { return c.Exec(sql); }).ok());
  }

  int64_t Count(const std::string& sql) { return vn::testing::CountIn(*db, sql); }

  bool Has(int64_t volgnummer) {
    return Count("SELECT count(*) FROM notificaties WHERE volgnummer = " +
                 std::to_string(volgnummer)) == 1;
  }

  // One whole pass, `chunk` messages a write.
  vn::Pruned Pass(int64_t chunk) {
    vn::PruneBounds bounds;
    {
      vc::storage::ReadLease lease = db->Read();
      auto b = vn::BoundsOf(*lease, kCutoff);
      REQUIRE(b.ok());
      bounds = *b;
    }
    vn::Pruned total;
    for (int writes = 0; writes < 100; ++writes) {
      vn::Pruned chunk_result;
      REQUIRE(db->Write([&](vc::storage::Connection& c) -> vc::Status {
                  auto r = vn::PruneChunk(c, &bounds, chunk);
                  if (!r.ok()) return r.status();
                  chunk_result = *r;
                  return vc::Status::Ok();
                }).ok());
      total += chunk_result;
      if (!chunk_result.more) return total;
    }
    FAIL("a pass did not end within 100 writes");
    return total;
  }
};

}  // namespace

TEST_CASE("a retention pass removes old finished work and keeps what may still be needed",
          "[notifications][retention]") {
  Outbox box;
  const int64_t delivered = box.Publish(kOld);
  box.Deliver(delivered, "afgeleverd", 2);
  const int64_t lapsed = box.Publish(kOld);  // its subscription was deleted
  box.Deliver(lapsed, "vervallen", 1);
  const int64_t dead = box.Publish(kOld);
  box.Deliver(dead, "mislukt", 1);
  const int64_t pending = box.Publish(kOld);
  box.Deliver(pending, "gepland", 0);
  const int64_t unmatched = box.Publish(kOld);  // no subscription wanted it
  const int64_t unmatched2 = box.Publish(kOld);
  const int64_t behind = box.Publish(kOld);  // not yet fanned out to one target
  const int64_t behind2 = box.Publish(kOld);
  const int64_t recent = box.Publish(kRecent);
  box.Deliver(recent, "afgeleverd", 1);
  const int64_t newest = box.Publish(kRecent);

  // Everyone has had the messages up to `newest`, but one target is held back at `unmatched2`.
  box.Exec("INSERT INTO notificatie_stand VALUES ('uitwaaieren', " + std::to_string(newest) +
           "), ('uitwaaieren:traag', " + std::to_string(unmatched2) + ")");
  box.Exec("INSERT INTO ontvangen_notificaties VALUES ('a', '" + kOld + "'), ('b', '" + kOld +
           "'), ('c', '" + kOld + "'), ('d', '" + kRecent + "'), ('e', '" + kRecent + "')");

  vn::Pruned pruned = box.Pass(2);

  CHECK(pruned.notificaties == 4);
  CHECK_FALSE(box.Has(delivered));
  CHECK_FALSE(box.Has(lapsed));
  CHECK_FALSE(box.Has(unmatched));
  CHECK_FALSE(box.Has(unmatched2));
  // A dead letter can be sent again and a pending delivery is still to go: both keep their
  // message, whatever its age; so do messages a target has not had, and recent ones.
  CHECK(box.Has(dead));
  CHECK(box.Has(pending));
  CHECK(box.Has(behind));
  CHECK(box.Has(behind2));
  CHECK(box.Has(recent));
  CHECK(box.Has(newest));

  CHECK(pruned.afleveringen == 2);
  CHECK(box.Count("SELECT count(*) FROM afleveringen") == 3);
  CHECK(pruned.afleverpogingen == 3);
  CHECK(box.Count("SELECT count(*) FROM afleverpogingen") == 2);
  CHECK(pruned.ontvangen == 3);
  CHECK(box.Count("SELECT count(*) FROM ontvangen_notificaties WHERE ontvangen_op = '" + kRecent +
                  "'") == 2);
  CHECK(box.Count("SELECT count(*) FROM ontvangen_notificaties") == 2);
  CHECK(box.Count("SELECT count(*) FROM pragma_foreign_key_check") == 0);

  // A second pass finds nothing more; once the held-back target caught up, its messages go.
  CHECK(box.Pass(2).notificaties == 0);
  box.Exec("DELETE FROM notificatie_stand WHERE naam = 'uitwaaieren:traag'");
  CHECK(box.Pass(1).notificaties == 2);
  CHECK_FALSE(box.Has(behind));
  CHECK(box.Has(dead));
}

TEST_CASE("a store whose dispatcher never ran loses nothing to retention",
          "[notifications][retention]") {
  Outbox box;
  box.Publish(kOld);
  box.Publish(kOld);
  CHECK(box.Pass(10).notificaties == 0);
  CHECK(box.Count("SELECT count(*) FROM notificaties") == 2);
}

TEST_CASE("the dispatcher removes old delivered messages by itself, and keeps them at zero",
          "[notifications][retention][integration]") {
  Outbox box;
  vn::testing::TestReceiver receiver("Bearer geheim");
  vn::Subscription s;
  s.callback_url = receiver.url();
  s.auth = "Bearer geheim";
  s.kanalen = {{"vacatures", {}}};
  REQUIRE(
      box.db->Write([&](vc::storage::Connection& c) { return vn::InsertSubscription(c, s, kOld); })
          .ok());

  const std::string now = vc::FormatRfc3339(vc::SystemClock::Instance().Now());
  for (int i = 0; i < 5; ++i) box.Publish(kOld);
  const int64_t fresh = box.Publish(now);

  vn::DispatcherOptions options;
  options.poll_interval = 10ms;
  options.prune_interval = 20ms;
  options.prune_chunk = 2;

  SECTION("with a retention period") {
    options.retention = std::chrono::hours(24);
    vn::Dispatcher dispatcher(*box.db, options);
    REQUIRE(vn::testing::WaitFor([&] { return receiver.count() == 6; }, 10s));
    REQUIRE(vn::testing::WaitFor(
        [&] { return box.Count("SELECT count(*) FROM notificaties") == 1; }, 10s));
    CHECK(box.Has(fresh));
    CHECK(box.Count("SELECT count(*) FROM afleveringen") == 1);
    // The counters move on the dispatcher's thread after its write, which the test may see
    // committed first.
    CHECK(vn::testing::WaitFor([&] { return dispatcher.pruned_messages() == 5; }, 5s));
    CHECK(vn::testing::WaitFor([&] { return dispatcher.prune_passes() >= 1; }, 5s));
  }
  SECTION("with retention switched off") {
    options.retention = std::chrono::hours(0);
    vn::Dispatcher dispatcher(*box.db, options);
    REQUIRE(vn::testing::WaitFor([&] { return receiver.count() == 6; }, 10s));
    REQUIRE(vn::testing::WaitFor([&] { return dispatcher.delivered() == 6; }, 10s));
    std::this_thread::sleep_for(100ms);  // five prune intervals
    CHECK(dispatcher.prune_passes() == 0);
    CHECK(box.Count("SELECT count(*) FROM notificaties") == 6);
  }
}
