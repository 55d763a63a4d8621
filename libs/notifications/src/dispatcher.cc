#include "vc/notifications/dispatcher.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_set>

#include "post.h"
#include "retention.h"
#include "vc/core/clock.h"
#include "vc/core/thread_name.h"
#include "vc/log/log.h"
#include "vc/notifications/subscription.h"

namespace vc::notifications {
namespace {

constexpr const char* kForwarding = "doorsturen";
constexpr int64_t kFanOutLimit = 1000;
// Pending deliveries read past the wanted number, to find heads of other objects behind the
// ones that are blocked (waiting behind an earlier message of their object, or for a retry).
constexpr int64_t kLookAhead = 256;

// The delivery indexes as the dispatcher reads them: the pending deliveries in the order they
// are taken, and the dead ones for the operator's list, both partial so that they hold only
// the few rows in those states. The two indexes of the first schema are dropped: they covered
// every delivery ever made, were updated on every attempt, and no query uses them any more.
// The library keeps its indexes itself (idempotent, at start) rather than asking every
// producing service for a migration; a store without them is still correct, only slower.
constexpr const char* kIndexSql =
    "CREATE INDEX IF NOT EXISTS ix_afleveringen_open ON afleveringen (abonnement, notificatie) "
    "WHERE status = 'gepland';"
    "CREATE INDEX IF NOT EXISTS ix_afleveringen_dood ON afleveringen (id) "
    "WHERE status = 'mislukt';"
    "DROP INDEX IF EXISTS ix_afleveringen_gepland;"
    "DROP INDEX IF EXISTS ix_afleveringen_volgorde;";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Fan-out cursors in notificatie_stand: "uitwaaieren" is where every target without a cursor
// of its own stands (and where a new subscription starts); "uitwaaieren:<target>" is a
// target's own, while it is held back by its breaker or catching up after one.
constexpr const char* kCursor = "uitwaaieren";

std::string CursorName(const std::string& target) { return std::string(kCursor) + ":" + target; }

Result<std::optional<int64_t>> ReadCursor(storage::Connection& c, const std::string& name) {
  Result<storage::Statement*> select =
      c.Prepare("SELECT volgnummer FROM notificatie_stand WHERE naam = ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, name);
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  std::optional<int64_t> cursor;
  if (*row) cursor = (*select)->Int(0);
  (*select)->Reset();
  return cursor;
}

Status SaveCursor(storage::Connection& c, const std::string& name, int64_t volgnummer) {
  Result<storage::Statement*> save = c.Prepare(
      "INSERT INTO notificatie_stand (naam, volgnummer) VALUES (?, ?) "
      "ON CONFLICT (naam) DO UPDATE SET volgnummer = excluded.volgnummer");
  if (!save.ok()) return save.status();
  return (*save)->Bind(1, name).Bind(2, volgnummer).Run();
}

Status DropCursor(storage::Connection& c, const std::string& name) {
  Result<storage::Statement*> drop = c.Prepare("DELETE FROM notificatie_stand WHERE naam = ?");
  if (!drop.ok()) return drop.status();
  return (*drop)->Bind(1, name).Run();
}

Result<int64_t> Newest(storage::Connection& c) {
  Result<storage::Statement*> select =
      c.Prepare("SELECT coalesce(max(volgnummer), 0) FROM notificaties");
  if (!select.ok()) return select.status();
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  const int64_t newest = (*select)->Int(0);
  (*select)->Reset();
  return newest;
}

Result<bool> HasPending(storage::Connection& c, const std::string& target) {
  Result<storage::Statement*> select =
      c.Prepare("SELECT 1 FROM afleveringen WHERE abonnement = ? AND status = 'gepland' LIMIT 1");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, target);
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  const bool pending = *row;
  (*select)->Reset();
  return pending;
}

Status InsertDelivery(storage::Connection& c, int64_t notificatie, const std::string& abonnement,
                      const std::string& hoofd_object, int64_t now_ms) {
  Result<storage::Statement*> insert = c.Prepare(
      "INSERT OR IGNORE INTO afleveringen (uuid, notificatie, abonnement, hoofd_object, status, "
      "volgende_poging_op) VALUES (?, ?, ?, ?, 'gepland', ?)");
  if (!insert.ok()) return insert.status();
  return (*insert)
      ->Bind(1, TimeOrderedUuid())
      .Bind(2, notificatie)
      .Bind(3, abonnement)
      .Bind(4, hoofd_object)
      .Bind(5, now_ms)
      .Run();
}

Status LoadAttempts(storage::Connection& c, Delivery& delivery) {
  Result<storage::Statement*> select = c.Prepare(
      "SELECT tijdstip, http_status, fout FROM afleverpogingen WHERE aflevering = ? "
      "ORDER BY rowid");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, delivery.id);
  while (true) {
    Result<bool> row = (*select)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    delivery.attempts.push_back({std::string((*select)->Text(0)),
                                 static_cast<int>((*select)->Int(1)),
                                 std::string((*select)->Text(2))});
  }
}

// Whether matching a message of this channel needs its kenmerken: only a concrete filter does.
bool NeedsKenmerken(const Subscription& s, const std::string& kanaal) {
  for (const ChannelFilter& channel : s.kanalen) {
    if (channel.naam != kanaal) continue;
    for (const auto& [key, wanted] : channel.filters) {
      if (wanted != "*") return true;
    }
  }
  return false;
}

// The kenmerken of a stored message. The outbox holds only what ToJson wrote, so this reads
// it without the limits and checks that input from a client needs.
Status ReadKenmerken(std::string_view bericht, std::map<std::string, std::string>* kenmerken) {
  rapidjson::Document doc;
  doc.Parse(bericht.data(), bericht.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Status::Internal("outbox holds an invalid message");
  }
  auto found = doc.FindMember("kenmerken");
  if (found == doc.MemberEnd() || !found->value.IsObject()) return Status::Ok();
  for (const auto& member : found->value.GetObject()) {
    if (!member.value.IsString()) continue;
    (*kenmerken)[std::string(member.name.GetString(), member.name.GetStringLength())] =
        std::string(member.value.GetString(), member.value.GetStringLength());
  }
  return Status::Ok();
}

// Where one target of a fan-out stands.
struct FanOutTarget {
  std::string id;
  const Subscription* subscription = nullptr;  // null: the hub, which takes every message
  int64_t cursor = 0;
  bool held = false;
};

// Makes the messages after the cursor of each member (all at the same cursor) deliveries of
// the members they match, at most kFanOutLimit messages; returns where they now stand.
Result<int64_t> FanOutGroup(storage::Connection& c, int64_t cursor,
                            const std::vector<FanOutTarget*>& members, bool* full) {
  Result<storage::Statement*> select = c.Prepare(
      "SELECT volgnummer, kanaal, hoofd_object, bericht FROM notificaties WHERE volgnummer > ? "
      "ORDER BY volgnummer LIMIT ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, cursor).Bind(2, kFanOutLimit);
  struct Row {
    int64_t volgnummer;
    Message message;  // kanaal, hoofdObject and, when a filter needs them, kenmerken
  };
  std::vector<Row> rows;
  while (true) {
    Result<bool> step = (*select)->Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    const storage::Statement& r = **select;
    Row row{r.Int(0), {}};
    row.message.kanaal = std::string(r.Text(1));
    row.message.hoofd_object = std::string(r.Text(2));
    const bool needs = std::any_of(members.begin(), members.end(), [&](const FanOutTarget* t) {
      return t->subscription && NeedsKenmerken(*t->subscription, row.message.kanaal);
    });
    if (needs) VC_RETURN_IF_ERROR(ReadKenmerken(r.Text(3), &row.message.kenmerken));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return cursor;

  const int64_t now = NowMs();
  for (const Row& row : rows) {
    for (const FanOutTarget* t : members) {
      if (t->subscription && !Matches(*t->subscription, row.message)) continue;
      VC_RETURN_IF_ERROR(InsertDelivery(c, row.volgnummer, t->id, row.message.hoofd_object, now));
    }
  }
  if (rows.size() == static_cast<size_t>(kFanOutLimit)) *full = true;
  return rows.back().volgnummer;
}

// One fan-out, in the writer's transaction. A target whose breaker is open (in `open`) and
// that still has a pending delivery to probe with is held: it gets no new deliveries, and
// its cursor stays where it was, so a dead receiver costs no write per message. The others
// are grouped by cursor, so that those in step share one read and one that catches up after
// its breaker closed does not hold them back.
Status FanOutIn(storage::Connection& c, bool forwarding, const std::set<std::string>& open,
                bool* full) {
  Result<std::optional<int64_t>> global = ReadCursor(c, kCursor);
  if (!global.ok()) return global.status();
  const int64_t in_step = global->value_or(0);

  std::vector<Subscription> subscriptions;
  std::vector<FanOutTarget> targets;
  if (forwarding) {
    targets.push_back({kForwarding, nullptr, 0, false});
  } else {
    Result<std::vector<Subscription>> list = ListSubscriptions(c);
    if (!list.ok()) return list.status();
    subscriptions = std::move(list).value();
    for (const Subscription& s : subscriptions) targets.push_back({s.id, &s, 0, false});
  }

  std::map<int64_t, std::vector<FanOutTarget*>> groups;
  for (FanOutTarget& t : targets) {
    Result<std::optional<int64_t>> own = ReadCursor(c, CursorName(t.id));
    if (!own.ok()) return own.status();
    t.cursor = own->value_or(in_step);
    if (open.count(t.id) > 0) {
      Result<bool> pending = HasPending(c, t.id);
      if (!pending.ok()) return pending.status();
      t.held = *pending;
    }
    if (!t.held) groups[t.cursor].push_back(&t);
  }
  for (auto& [cursor, members] : groups) {
    Result<int64_t> reached = FanOutGroup(c, cursor, members, full);
    if (!reached.ok()) return reached.status();
    for (FanOutTarget* t : members) t->cursor = *reached;
  }

  // Where a target without a cursor of its own stands from now on: with the targets that
  // were in step, or, when none was, at the newest message.
  int64_t step = in_step;
  auto with_step = groups.find(in_step);
  if (with_step != groups.end()) {
    step = with_step->second.front()->cursor;
  } else {
    Result<int64_t> newest = Newest(c);
    if (!newest.ok()) return newest.status();
    step = std::max(in_step, *newest);
  }
  if (!global->has_value() || step != in_step) VC_RETURN_IF_ERROR(SaveCursor(c, kCursor, step));
  for (const FanOutTarget& t : targets) {
    if (t.cursor == step) {
      VC_RETURN_IF_ERROR(DropCursor(c, CursorName(t.id)));
    } else {
      VC_RETURN_IF_ERROR(SaveCursor(c, CursorName(t.id), t.cursor));
    }
  }
  return Status::Ok();
}

}  // namespace

std::chrono::milliseconds Backoff(const DispatcherOptions& options, int failures,
                                  std::mt19937_64& random) {
  const int doublings = std::clamp(failures - 1, 0, 40);
  const double full = std::min(static_cast<double>(options.backoff_base.count()) *
                                   static_cast<double>(int64_t{1} << doublings),
                               static_cast<double>(options.backoff_max.count()));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(full * jitter(random)));
}

Result<std::vector<Delivery>> ListDead(storage::Connection& c, int64_t limit, int64_t offset) {
  Result<storage::Statement*> select = c.Prepare(
      "SELECT a.id, a.uuid, n.id, a.abonnement, a.status, a.pogingen, a.laatste_fout, n.bericht "
      "FROM afleveringen a JOIN notificaties n ON n.volgnummer = a.notificatie "
      "WHERE a.status = 'mislukt' ORDER BY a.id LIMIT ? OFFSET ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, limit).Bind(2, offset);
  std::vector<Delivery> list;
  while (true) {
    Result<bool> row = (*select)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const storage::Statement& r = **select;
    list.push_back({r.Int(0),
                    std::string(r.Text(1)),
                    std::string(r.Text(2)),
                    std::string(r.Text(3)),
                    std::string(r.Text(4)),
                    static_cast<int>(r.Int(5)),
                    std::string(r.Text(6)),
                    std::string(r.Text(7)),
                    {}});
  }
  for (Delivery& d : list) VC_RETURN_IF_ERROR(LoadAttempts(c, d));
  return list;
}

Result<int64_t> CountDead(storage::Connection& c) {
  Result<storage::Statement*> count =
      c.Prepare("SELECT count(*) FROM afleveringen WHERE status = 'mislukt'");
  if (!count.ok()) return count.status();
  Result<bool> row = (*count)->Step();
  if (!row.ok()) return row.status();
  return (*count)->Int(0);
}

Status RetryDead(storage::Connection& c, const std::string& delivery) {
  Result<storage::Statement*> update = c.Prepare(
      "UPDATE afleveringen SET status = 'gepland', pogingen = 0, volgende_poging_op = ? "
      "WHERE uuid = ? AND status = 'mislukt'");
  if (!update.ok()) return update.status();
  VC_RETURN_IF_ERROR((*update)->Bind(1, NowMs()).Bind(2, delivery).Run());
  if (c.Changes() == 0) return Status::NotFound("Deze mislukte aflevering bestaat niet.");
  return Status::Ok();
}

struct Dispatcher::Job {
  int64_t id = 0;
  int pogingen = 0;
  std::string target;  // subscription id, or kForwarding
  std::string url;
  std::string auth;
  std::string body;
  int http_status = 0;
  std::string error;  // empty: delivered
};

// Where deliveries go: a subscription, or the external hub when forwarding.
struct Dispatcher::Target {
  std::string id;
  std::string url;
  std::string auth;
};

// A retention pass: where it stands and what it removed so far.
struct Dispatcher::Pruning {
  PruneBounds bounds;
  Pruned total;
};

Dispatcher::Dispatcher(storage::Database& db, DispatcherOptions options)
    : db_(db), options_(std::move(options)), random_(std::random_device{}()) {
  Status indexed = db_.Write([](storage::Connection& c) { return c.Exec(kIndexSql); });
  if (!indexed.ok()) {
    // Still correct without it, only slower; the store's own problem shows up elsewhere.
    log::Error("notificaties.dispatcher.index", {{"fout", indexed.message()}});
  }
  thread_ = std::thread([this] {
    NameThisThread("vc-dispatch");
    Loop();
  });
}

Dispatcher::~Dispatcher() { Stop(); }

void Dispatcher::Wake() {
  std::lock_guard<std::mutex> lock(mutex_);
  woken_ = true;
  wake_.notify_all();
}

bool Dispatcher::Drain(std::chrono::milliseconds bound) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!draining_) {
      draining_ = true;
      deadline_ = std::chrono::steady_clock::now() + bound;
    }
    wake_.notify_all();
  }
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  return left_nothing_;
}

bool Dispatcher::PastDeadline() {
  std::lock_guard<std::mutex> lock(mutex_);
  return draining_ && std::chrono::steady_clock::now() >= deadline_;
}

void Dispatcher::Loop() {
  log::Info("notificaties.dispatcher.gestart");
  while (true) {
    bool more = false;
    Status fanned = FanOut(&more);
    Result<std::vector<Job>> due = fanned.ok() ? Due() : Result<std::vector<Job>>(fanned);
    if (!due.ok()) log::Error("notificaties.dispatcher.fout", {{"fout", due.status().message()}});

    const bool idle = !due.ok() || due->empty();
    if (!idle && !PastDeadline()) {
      PostAll(*due);
      UpdateBreakers(*due);
      Record(std::move(due).value());
      continue;
    }

    std::unique_lock<std::mutex> lock(mutex_);
    if (draining_ && (idle || std::chrono::steady_clock::now() >= deadline_)) {
      lock.unlock();
      Result<int64_t> pending = Pending();
      lock.lock();
      left_nothing_ = !more && pending.ok() && *pending == 0;
      // The done callback of a record refers to this object.
      recorded_.wait(lock, [this] { return recording_ == 0; });
      break;
    }
    if (more) continue;
    lock.unlock();
    PruneStep();
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return woken_ || draining_; });
    woken_ = false;
  }
  log::Info("notificaties.dispatcher.gestopt", {{"afgeleverd", delivered_.load()}});
}

Status Dispatcher::FanOut(bool* more) {
  std::set<std::string> open;
  for (const auto& [target, breaker] : breakers_) {
    if (breaker.failures > 0) open.insert(target);
  }
  auto full = std::make_shared<bool>(false);
  const bool forwarding = !options_.forward_url.empty();
  // May run twice: everything else it uses is built anew from the database on each run.
  Status s = db_.Write(
      [forwarding, open = std::move(open), full](storage::Connection& c) {
        *full = false;
        return FanOutIn(c, forwarding, open, full.get());
      },
      storage::Database::Rerun::kYes);
  *more = *full;
  return s;
}

Result<std::vector<Dispatcher::Job>> Dispatcher::Due() {
  storage::ReadLease lease = db_.Read();
  Result<std::vector<Subscription>> subscriptions = ListSubscriptions(*lease);
  if (!subscriptions.ok()) return subscriptions.status();
  // Deliveries made before forwarding was switched on still go to their subscriptions.
  std::vector<Target> targets;
  for (const Subscription& s : *subscriptions) targets.push_back({s.id, s.callback_url, s.auth});
  if (!options_.forward_url.empty()) {
    targets.push_back({kForwarding, options_.forward_url,
                       options_.forward_auth ? options_.forward_auth() : std::string()});
  }

  std::map<std::string, Breaker> kept;  // forgets the breakers of deleted subscriptions
  const int64_t now = NowMs();
  // Each subscription gets an equal share of the room left in the round, so what one leaves
  // unused goes to those asked after it. The first one asked moves on by one each round, so
  // that with more subscriptions than the round has room for none waits for ever.
  const size_t n = targets.size();
  const size_t first = n == 0 ? 0 : static_cast<size_t>(rounds_++ % n);
  std::vector<Job> jobs;
  for (size_t k = 0; k < n; ++k) {
    const Target& target = targets[(first + k) % n];
    Breaker& breaker = kept[target.id] = breakers_[target.id];
    if (breaker.failures > 0 && now < breaker.probe_at) {
      ++skipped_;
      continue;
    }
    if (jobs.size() >= options_.batch) continue;  // no room left in this round
    const size_t room = options_.batch - jobs.size();
    const size_t want = breaker.failures > 0 ? 1 : (room + (n - k) - 1) / (n - k);
    VC_RETURN_IF_ERROR(DueFor(*lease, target, want, now, &jobs));
  }
  breakers_ = std::move(kept);
  return jobs;
}

// The oldest pending delivery of a (subscription, hoofdObject) blocks the later ones, also
// while it waits for its backoff: that is what keeps the order per object. Reading the pending
// ones in message order, the first one seen of each object is its head.
// Limitation: only want + kLookAhead pending deliveries are read per subscription and round,
// so when more than kLookAhead of them wait behind heads that are not due, the objects after
// them wait too, until those heads are delivered or dead; reading further would make every
// round cost as much as the whole backlog.
Status Dispatcher::DueFor(storage::Connection& c, const Target& target, size_t want, int64_t now,
                          std::vector<Job>* jobs) {
  Result<storage::Statement*> select = c.Prepare(
      "SELECT a.id, a.pogingen, a.hoofd_object, a.volgende_poging_op, n.bericht "
      "FROM afleveringen a JOIN notificaties n ON n.volgnummer = a.notificatie "
      "WHERE a.abonnement = ? AND a.status = 'gepland' ORDER BY a.notificatie LIMIT ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, target.id).Bind(2, static_cast<int64_t>(want) + kLookAhead);
  std::unordered_set<std::string> seen;
  size_t taken = 0;
  while (taken < want) {
    Result<bool> row = (*select)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const storage::Statement& r = **select;
    if (!seen.emplace(r.Text(2)).second || r.Int(3) > now) continue;
    Job job;
    job.id = r.Int(0);
    job.pogingen = static_cast<int>(r.Int(1));
    job.target = target.id;
    job.url = target.url;
    job.auth = target.auth;
    job.body = std::string(r.Text(4));
    jobs->push_back(std::move(job));
    ++taken;
  }
  (*select)->Reset();
  return Status::Ok();
}

Result<int64_t> Dispatcher::Pending() {
  storage::ReadLease lease = db_.Read();
  Result<storage::Statement*> count =
      lease->Prepare("SELECT count(*) FROM afleveringen WHERE status = 'gepland'");
  if (!count.ok()) return count.status();
  Result<bool> row = (*count)->Step();
  if (!row.ok()) return row.status();
  return (*count)->Int(0);
}

Sender* Dispatcher::SenderFor(const std::string& base) {
  std::lock_guard<std::mutex> lock(senders_mutex_);
  auto it = senders_.find(base);
  if (it != senders_.end()) return it->second.get();
  std::unique_ptr<Sender> made = MakeSender(base, options_.attempt_timeout);
  if (!made) return nullptr;
  return (senders_[base] = std::move(made)).get();
}

void Dispatcher::PostAll(std::vector<Job>& jobs) {
  const size_t n = std::min(jobs.size(), static_cast<size_t>(std::max(1, options_.parallel)));
  if (n == 1) {
    for (Job& job : jobs) Post(job);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (size_t i = 0; i < n; ++i) {
    workers.emplace_back([&] {
      for (size_t k = next++; k < jobs.size(); k = next++) Post(jobs[k]);
    });
  }
  for (std::thread& w : workers) w.join();
}

void Dispatcher::Post(Job& job) {
  auto [base, target] = SplitUrl(job.url);
  Sender* sender = SenderFor(base);
  if (!sender) {
    job.error = "ongeldige callback-url";
    return;
  }
  PostOutcome outcome = sender->Post(target, job.auth, job.body);
  job.http_status = outcome.http_status;
  job.error = outcome.error;
}

void Dispatcher::UpdateBreakers(const std::vector<Job>& jobs) {
  std::map<std::string, bool> reached;  // per target: did any attempt of this round succeed
  for (const Job& job : jobs) reached[job.target] |= job.error.empty();
  const int64_t now = NowMs();
  for (const auto& [target, ok] : reached) {
    Breaker& breaker = breakers_[target];
    if (ok) {
      if (breaker.failures > 0)
        log::Info("notificaties.abonnement.bereikbaar", {{"abonnement", target}});
      breaker = Breaker{};
      continue;
    }
    if (breaker.failures == 0) {
      log::Warn("notificaties.abonnement.onbereikbaar", {{"abonnement", target}});
    }
    ++breaker.failures;
    breaker.probe_at = now + Backoff(options_, breaker.failures, random_).count();
  }
}

// Submitted, not waited for: the fan-out's Write that starts the next round queues behind it,
// so the next round sees it, and the two usually share one commit.
void Dispatcher::Record(std::vector<Job> jobs) {
  const std::string now = FormatRfc3339(SystemClock::Instance().Now());
  const int64_t now_ms = NowMs();
  std::vector<int64_t> next(jobs.size(), 0);
  uint64_t ok_count = 0;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].error.empty()) {
      ++ok_count;
    } else {
      next[i] = now_ms + Backoff(options_, jobs[i].pogingen + 1, random_).count();
    }
  }
  const uint64_t failed_count = jobs.size() - ok_count;
  const int max_attempts = options_.max_attempts;

  auto work = [jobs = std::move(jobs), next = std::move(next), now,
               max_attempts](storage::Connection& c) -> Status {
    Result<storage::Statement*> attempt = c.Prepare(
        "INSERT INTO afleverpogingen (aflevering, tijdstip, http_status, fout) VALUES (?, ?, ?, "
        "?)");
    if (!attempt.ok()) return attempt.status();
    Result<storage::Statement*> update = c.Prepare(
        "UPDATE afleveringen SET pogingen = pogingen + 1, status = ?, volgende_poging_op = ?, "
        "laatste_fout = ? WHERE id = ? AND status = 'gepland'");
    if (!update.ok()) return update.status();
    for (size_t i = 0; i < jobs.size(); ++i) {
      const Job& job = jobs[i];
      const bool ok = job.error.empty();
      (*attempt)->Bind(1, job.id).Bind(2, now).Bind(3, job.http_status);
      if (ok) {
        (*attempt)->BindNull(4);
      } else {
        (*attempt)->Bind(4, job.error);
      }
      VC_RETURN_IF_ERROR((*attempt)->Run());

      const bool dead = !ok && job.pogingen + 1 >= max_attempts;
      (*update)->Bind(1, ok ? "afgeleverd" : dead ? "mislukt" : "gepland").Bind(2, next[i]);
      if (ok) {
        (*update)->BindNull(3);
      } else {
        (*update)->Bind(3, job.error);
      }
      VC_RETURN_IF_ERROR((*update)->Bind(4, job.id).Run());
      if (dead) log::Warn("notificaties.aflevering.mislukt", {{"aflevering", job.id}});
    }
    return Status::Ok();
  };
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++recording_;
  }
  db_.Submit(std::move(work), [this, ok_count, failed_count](const Status& s) {
    if (s.ok()) {
      delivered_ += ok_count;
      failed_ += failed_count;
    } else {
      // The attempts were made but are not on record: they are made again (at least once).
      log::Error("notificaties.dispatcher.fout", {{"fout", s.message()}});
    }
    std::lock_guard<std::mutex> lock(mutex_);
    --recording_;
    recorded_.notify_all();
  });
}

// One step of the outbox's retention per idle round: a pass starts every prune_interval, and
// each step removes one chunk in a write of its own, so that neither deliveries nor the
// producer's writes wait long behind it.
void Dispatcher::PruneStep() {
  if (options_.retention.count() <= 0) return;
  if (!pruning_) {
    const auto now = std::chrono::steady_clock::now();
    if (now < next_prune_) return;
    next_prune_ = now + options_.prune_interval;
    const std::string cutoff = FormatRfc3339(SystemClock::Instance().Now() - options_.retention);
    Result<PruneBounds> bounds = [&] {
      storage::ReadLease lease = db_.Read();
      return BoundsOf(*lease, cutoff);
    }();
    if (!bounds.ok()) {
      log::Error("notificaties.opruimen.fout", {{"fout", bounds.status().message()}});
      return;
    }
    pruning_ = std::make_unique<Pruning>();
    pruning_->bounds = *bounds;
  }

  PruneBounds next;
  Pruned chunk;
  Status written = db_.Write([this, &next, &chunk](storage::Connection& c) -> Status {
    next = pruning_->bounds;
    Result<Pruned> removed = PruneChunk(c, &next, options_.prune_chunk);
    if (!removed.ok()) return removed.status();
    chunk = *removed;
    return Status::Ok();
  });
  if (!written.ok()) {
    log::Error("notificaties.opruimen.fout", {{"fout", written.message()}});
    pruning_.reset();  // the next pass starts over after prune_interval
    return;
  }
  pruning_->bounds = next;
  pruning_->total += chunk;
  pruned_messages_ += static_cast<uint64_t>(chunk.notificaties);
  if (chunk.more) return;

  const Pruned& total = pruning_->total;
  log::Info("notificaties.opgeruimd", {{"notificaties", total.notificaties},
                                       {"afleveringen", total.afleveringen},
                                       {"afleverpogingen", total.afleverpogingen},
                                       {"ontvangen", total.ontvangen}});
  pruning_.reset();
  ++prune_passes_;
}

}  // namespace vc::notifications
