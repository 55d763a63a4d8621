// Sustained delivery rate of the dispatcher to a local receiver: fills the outbox with
// `messages` notifications over `objects` main objects, then times the dispatcher until every
// one is delivered. Prints messages, seconds and messages per second.
//
//   vc_notifications_delivery_bench [messages=20000] [objects=2000] [parallel=8] [batch=256]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "test_receiver.h"
#include "vc/notifications/dispatcher.h"
#include "vc/notifications/outbox.h"
#include "vc/notifications/subscription.h"
#include "vc/testing/support.h"

namespace vn = vc::notifications;

namespace {

int Arg(int argc, char** argv, int i, int fallback) {
  return argc > i ? std::atoi(argv[i]) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int messages = Arg(argc, argv, 1, 20000);
  const int objects = Arg(argc, argv, 2, 2000);
  vn::DispatcherOptions options;
  options.parallel = Arg(argc, argv, 3, 8);
  options.batch = static_cast<size_t>(Arg(argc, argv, 4, 256));
  options.poll_interval = std::chrono::milliseconds(5);

  vc::testing::TempDir dir;
  vc::storage::Options storage;
  storage.path = dir.File("bench.db");
  auto db = vc::storage::Database::Open(storage, {{1, vn::SchemaSql()}});
  if (!db.ok()) return 1;
  vn::testing::TestReceiver receiver("Bearer bench");
  vn::Subscription s;
  s.callback_url = receiver.url();
  s.auth = "Bearer bench";
  s.kanalen = {{"vacatures", {}}};
  vc::Status stored = (*db)->Write(
      [&](vc::storage::Connection& c) { return vn::InsertSubscription(c, s, "2026-12-03T00:00:00Z"); });
  if (!stored.ok()) return 1;

  // Appended in transactions of 500, as group commit would batch a burst of writes.
  for (int done = 0; done < messages;) {
    const int until = std::min(messages, done + 500);
    vc::Status s2 = (*db)->Write([&](vc::storage::Connection& c) -> vc::Status {
      for (int i = done; i < until; ++i) {
        vn::Message m;
        m.kanaal = "vacatures";
        m.hoofd_object = "http://localhost/vacatures/" + std::to_string(i % objects);
        m.resource = "vacature";
        m.resource_url = m.hoofd_object;
        m.actie = "update";
        m.kenmerken = {{"gemeente", "0363"}};
        VC_RETURN_IF_ERROR(vn::Append(c, m));
      }
      return vc::Status::Ok();
    });
    if (!s2.ok()) return 1;
    done = until;
  }

  auto start = std::chrono::steady_clock::now();
  vn::Dispatcher dispatcher(**db, options);
  while (dispatcher.delivered() < static_cast<uint64_t>(messages)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  dispatcher.Stop();
  std::printf("messages %d objects %d parallel %d batch %zu: %.2f s, %.0f notifications/s, "
              "received %zu, failed attempts %llu\n",
              messages, objects, options.parallel, options.batch, seconds, messages / seconds,
              receiver.count(), static_cast<unsigned long long>(dispatcher.failed_attempts()));
  return 0;
}
