#include "vc/notifications/dispatcher.h"

#include <algorithm>

#include "post.h"
#include "vc/client/client.h"
#include "vc/core/clock.h"
#include "vc/core/uuid.h"
#include "vc/log/log.h"
#include "vc/notifications/subscription.h"

namespace vc::notifications {
namespace {

constexpr const char* kForwarding = "doorsturen";
constexpr int64_t kFanOutLimit = 1000;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<int64_t> Cursor(storage::Connection& c) {
  Result<storage::Statement*> select =
      c.Prepare("SELECT volgnummer FROM notificatie_stand WHERE naam = 'uitwaaieren'");
  if (!select.ok()) return select.status();
  Result<bool> row = (*select)->Step();
  if (!row.ok()) return row.status();
  return *row ? (*select)->Int(0) : int64_t{0};
}

Status InsertDelivery(storage::Connection& c, int64_t notificatie, const std::string& abonnement,
                      const std::string& hoofd_object, int64_t now_ms) {
  Result<storage::Statement*> insert = c.Prepare(
      "INSERT OR IGNORE INTO afleveringen (uuid, notificatie, abonnement, hoofd_object, status, "
      "volgende_poging_op) VALUES (?, ?, ?, ?, 'gepland', ?)");
  if (!insert.ok()) return insert.status();
  return (*insert)
      ->Bind(1, NewUuid())
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
    list.push_back({r.Int(0), std::string(r.Text(1)), std::string(r.Text(2)),
                    std::string(r.Text(3)), std::string(r.Text(4)), static_cast<int>(r.Int(5)),
                    std::string(r.Text(6)), std::string(r.Text(7)), {}});
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
  std::string url;
  std::string auth;
  std::string body;
  int http_status = 0;
  std::string error;  // empty: delivered
};

Dispatcher::Dispatcher(storage::Database& db, DispatcherOptions options)
    : db_(db), options_(std::move(options)), random_(std::random_device{}()) {
  thread_ = std::thread([this] { Loop(); });
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
      std::vector<Job>& jobs = *due;
      std::atomic<size_t> next{0};
      std::vector<std::thread> workers;
      const size_t n = std::min(jobs.size(), static_cast<size_t>(std::max(1, options_.parallel)));
      for (size_t i = 0; i < n; ++i) {
        workers.emplace_back([&] {
          for (size_t k = next++; k < jobs.size(); k = next++) Post(jobs[k]);
        });
      }
      for (std::thread& w : workers) w.join();
      Status recorded = Record(jobs);
      if (!recorded.ok()) {
        log::Error("notificaties.dispatcher.fout", {{"fout", recorded.message()}});
      }
      continue;
    }

    std::unique_lock<std::mutex> lock(mutex_);
    if (draining_ && (idle || std::chrono::steady_clock::now() >= deadline_)) {
      lock.unlock();
      Result<int64_t> pending = Pending();
      lock.lock();
      left_nothing_ = !more && pending.ok() && *pending == 0;
      break;
    }
    if (more) continue;
    wake_.wait_for(lock, options_.poll_interval, [this] { return woken_ || draining_; });
    woken_ = false;
  }
  log::Info("notificaties.dispatcher.gestopt", {{"afgeleverd", delivered_.load()}});
}

Status Dispatcher::FanOut(bool* more) {
  auto count = std::make_shared<int64_t>(0);
  Status s = db_.Write([this, count](storage::Connection& c) -> Status {
    Result<int64_t> cursor = Cursor(c);
    if (!cursor.ok()) return cursor.status();
    std::vector<Subscription> subscriptions;
    if (options_.forward_url.empty()) {
      Result<std::vector<Subscription>> list = ListSubscriptions(c);
      if (!list.ok()) return list.status();
      subscriptions = std::move(list).value();
    }

    Result<storage::Statement*> select = c.Prepare(
        "SELECT volgnummer, hoofd_object, bericht FROM notificaties WHERE volgnummer > ? "
        "ORDER BY volgnummer LIMIT ?");
    if (!select.ok()) return select.status();
    (*select)->Bind(1, *cursor).Bind(2, kFanOutLimit);
    struct Row {
      int64_t volgnummer;
      std::string hoofd_object;
      std::string bericht;
    };
    std::vector<Row> rows;
    while (true) {
      Result<bool> row = (*select)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      rows.push_back({(*select)->Int(0), std::string((*select)->Text(1)),
                      std::string((*select)->Text(2))});
    }
    if (rows.empty()) return Status::Ok();

    const int64_t now = NowMs();
    for (const Row& row : rows) {
      if (!options_.forward_url.empty()) {
        VC_RETURN_IF_ERROR(InsertDelivery(c, row.volgnummer, kForwarding, row.hoofd_object, now));
        continue;
      }
      Result<Message> message = ParseMessage(row.bericht);
      if (!message.ok()) return Status::Internal("outbox holds an invalid message");
      for (const Subscription& s : subscriptions) {
        if (!Matches(s, *message)) continue;
        VC_RETURN_IF_ERROR(InsertDelivery(c, row.volgnummer, s.id, row.hoofd_object, now));
      }
    }
    Result<storage::Statement*> save = c.Prepare(
        "INSERT INTO notificatie_stand (naam, volgnummer) VALUES ('uitwaaieren', ?) "
        "ON CONFLICT (naam) DO UPDATE SET volgnummer = excluded.volgnummer");
    if (!save.ok()) return save.status();
    *count = static_cast<int64_t>(rows.size());
    return (*save)->Bind(1, rows.back().volgnummer).Run();
  });
  *more = *count == kFanOutLimit;
  return s;
}

Result<std::vector<Dispatcher::Job>> Dispatcher::Due() {
  storage::ReadLease lease = db_.Read();
  // The oldest pending delivery of a (subscription, hoofdObject) blocks the later ones, also
  // while it waits for its backoff: that is what keeps the order per object.
  Result<storage::Statement*> select = lease->Prepare(
      "SELECT a.id, a.pogingen, n.bericht, s.callback_url, s.auth "
      "FROM afleveringen a JOIN notificaties n ON n.volgnummer = a.notificatie "
      "LEFT JOIN abonnementen s ON s.id = a.abonnement "
      "WHERE a.status = 'gepland' AND a.volgende_poging_op <= ? AND NOT EXISTS ("
      "  SELECT 1 FROM afleveringen b WHERE b.abonnement = a.abonnement "
      "  AND b.hoofd_object = a.hoofd_object AND b.status = 'gepland' "
      "  AND b.notificatie < a.notificatie) "
      "ORDER BY a.notificatie LIMIT ?");
  if (!select.ok()) return select.status();
  (*select)->Bind(1, NowMs()).Bind(2, static_cast<int64_t>(options_.batch));
  const std::string forward_auth =
      options_.forward_auth ? options_.forward_auth() : std::string();
  std::vector<Job> jobs;
  while (true) {
    Result<bool> row = (*select)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const storage::Statement& r = **select;
    Job job;
    job.id = r.Int(0);
    job.pogingen = static_cast<int>(r.Int(1));
    job.body = std::string(r.Text(2));
    job.url = r.IsNull(3) ? options_.forward_url : std::string(r.Text(3));
    job.auth = r.IsNull(3) ? forward_auth : std::string(r.Text(4));
    jobs.push_back(std::move(job));
  }
  return jobs;
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

std::shared_ptr<client::Client> Dispatcher::ClientFor(const std::string& base) {
  std::lock_guard<std::mutex> lock(clients_mutex_);
  auto it = clients_.find(base);
  if (it != clients_.end()) return it->second;
  std::shared_ptr<client::Client> made = MakeClient(base, options_.attempt_timeout);
  if (made) clients_[base] = made;
  return made;
}

void Dispatcher::Post(Job& job) {
  auto [base, target] = SplitUrl(job.url);
  std::shared_ptr<client::Client> http = ClientFor(base);
  if (!http) {
    job.error = "ongeldige callback-url";
    return;
  }
  PostOutcome outcome = PostBody(*http, target, job.auth, job.body);
  job.http_status = outcome.http_status;
  job.error = outcome.error;
}

Status Dispatcher::Record(const std::vector<Job>& jobs) {
  const std::string now = FormatRfc3339(SystemClock::Instance().Now());
  const int64_t now_ms = NowMs();
  std::vector<int64_t> next(jobs.size(), 0);
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!jobs[i].error.empty()) {
      next[i] = now_ms + Backoff(options_, jobs[i].pogingen + 1, random_).count();
    }
  }

  Status s = db_.Write([&](storage::Connection& c) -> Status {
    Result<storage::Statement*> attempt = c.Prepare(
        "INSERT INTO afleverpogingen (aflevering, tijdstip, http_status, fout) VALUES (?, ?, ?, ?)");
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

      const bool dead = !ok && job.pogingen + 1 >= options_.max_attempts;
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
  });
  if (!s.ok()) return s;

  for (const Job& job : jobs) {
    if (job.error.empty()) {
      ++delivered_;
    } else {
      ++failed_;
    }
  }
  return Status::Ok();
}

}  // namespace vc::notifications
