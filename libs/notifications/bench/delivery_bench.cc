// Sustained delivery rate of the dispatcher to a local receiver: fills the outbox with
// `messages` notifications over `objects` main objects, then times the dispatcher until every
// one is delivered. Prints messages, seconds, messages per second, the CPU time per message
// (of the whole process: dispatcher, SQLite writer and the receiver's server alike) and the
// write transactions committed per message.
//
// Under `valgrind --tool=callgrind` the counters are zeroed when the dispatcher starts and
// dumped when the last message is in, so the dump holds the instructions of the delivery
// alone (divide by `messages`); outside valgrind those two requests do nothing.
//
//   vc_notifications_delivery_bench [messages=20000] [objects=2000] [parallel=8] [batch=256]
#include <sys/resource.h>

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

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS
#endif

namespace vn = vc::notifications;

namespace {

int Arg(int argc, char** argv, int i, int fallback) {
  return argc > i ? std::atoi(argv[i]) : fallback;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
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
  // Filtered on the gemeente, as every subscription made with a gemeente's token is.
  s.kanalen = {{"vacatures", {{"gemeente", "0363"}}}};
  vc::Status stored = (*db)->Write([&](vc::storage::Connection& c) {
    return vn::InsertSubscription(c, s, "2026-12-03T00:00:00Z");
  });
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

  CALLGRIND_ZERO_STATS;
  const uint64_t commits_before = (*db)->commits();
  const double cpu_before = CpuSeconds();
  auto start = std::chrono::steady_clock::now();
  vn::Dispatcher dispatcher(**db, options);
  while (dispatcher.delivered() < static_cast<uint64_t>(messages)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu_before;
  const uint64_t commits = (*db)->commits() - commits_before;
  CALLGRIND_DUMP_STATS;
  dispatcher.Stop();
  std::printf(
      "messages %d objects %d parallel %d batch %zu: %.2f s, %.0f notifications/s, "
      "%.3f ms CPU and %.4f commits per notification, received %zu, failed attempts "
      "%llu\n",
      messages, objects, options.parallel, options.batch, seconds, messages / seconds,
      1000 * cpu / messages, static_cast<double>(commits) / messages, receiver.count(),
      static_cast<unsigned long long>(dispatcher.failed_attempts()));
  return 0;
}
