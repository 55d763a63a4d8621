#include "privacy/erasure.h"

#include <future>
#include <memory>

#include "domain/pseudonym.h"
#include "domain/resources.h"
#include "domain/retention.h"
#include "http/notify.h"
#include "vc/core/thread_name.h"
#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::registration {
namespace {

Result<std::vector<std::string>> Ids(storage::Connection& c, const std::string& sql,
                                     const std::string& gemeente, const std::string& cutoff) {
  Result<storage::Statement*> s = c.Prepare(sql);
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, cutoff);
  std::vector<std::string> ids;
  for (;;) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) return ids;
    ids.emplace_back((*s)->Text(0));
  }
}

Processing RetentionEntry(Context& ctx, const Tenant& tenant, const std::string& client_id,
                          const std::string& kind, const std::string& id) {
  Processing p;
  p.gemeente = tenant.code;
  p.trace_id = Pseudonym(ctx.pseudonym_key, "trace", id).substr(0, 32);
  p.span_id = p.trace_id.substr(0, 16);
  p.activity = kind + ".bewaartermijn-verstreken";
  p.subject_kind = kind;
  p.subject = Pseudonym(ctx.pseudonym_key, kind, id);
  p.started = FormatRfc3339(ctx.clock.Now());
  p.ended = p.started;
  p.client_id = client_id;
  return p;
}

// A removal of old processing-log entries under way.
struct LogRemoval {
  std::string gemeente;
  std::string cutoff;
  RetentionCounts counts;
  int64_t last = 0;  // removed by the chunk that ran last
  std::function<void(Result<RetentionCounts>)> done;
};

// One chunk per write, so that other writes get the writer between them, each submitted from
// the previous one's completion: no thread waits, however large the log. A log of millions of
// entries takes seconds (about 25 ms per chunk with the sqlite3 shell). A chunk that comes
// back short was the last.
void RemoveLogChunks(Context& ctx, std::shared_ptr<LogRemoval> run) {
  ctx.db.Submit(
      [run](storage::Connection& c) -> Status {
        Result<int64_t> n =
            ProcessingLog::RemoveBefore(c, run->gemeente, run->cutoff, ProcessingLog::kRemoveChunk);
        if (!n.ok()) return n.status();
        run->last = *n;
        return Status::Ok();
      },
      [&ctx, run](const Status& status) {
        if (!status.ok()) return run->done(status);
        run->counts.log_entries_removed += run->last;
        if (run->last == ProcessingLog::kRemoveChunk) return RemoveLogChunks(ctx, run);
        log::Info("retention.log_pruned",
                  {{"gemeente", run->gemeente}, {"entries", run->counts.log_entries_removed}});
        run->done(run->counts);
      },
      storage::Database::Rerun::kYes);
}

}  // namespace

Status AnonymiseHulpvraag(Context& ctx, storage::Connection& c, const std::string& gemeente,
                          const std::string& id, const Processing& entry,
                          const std::string& base_url) {
  const ResourceStore& store = ctx.Store("hulpvragen");
  Result<std::string> body = store.Find(c, gemeente, id);
  if (!body.ok()) return body.status();

  rapidjson::Document doc;
  doc.Parse(body->data(), body->size());
  Anonymise(HulpvraagSpec(), doc);
  doc["gewijzigdOp"].SetString(entry.started.c_str(), doc.GetAllocator());
  const std::string anonymous = json::Serialize(doc);

  Result<storage::Statement*> s = c.Prepare(
      "UPDATE hulpvragen SET body = ?1, postcode = NULL, geanonimiseerd = 1, gewijzigd_op = ?2 "
      "WHERE id = ?3 AND gemeente = ?4");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, anonymous).Bind(2, entry.started).Bind(3, id).Bind(4, gemeente);
  VC_RETURN_IF_ERROR((*s)->Run());
  VC_RETURN_IF_ERROR(ProcessingLog::Append(c, entry));

  // The update tells consumers to drop what they hold about the resident; it carries no
  // field of the request, only that it is anonymised.
  return Publish(ctx, c, base_url,
                 {HulpvraagSpec(), gemeente, id, "update", nullptr, {{"geanonimiseerd", "ja"}}});
}

void RunRetention(Context& ctx, const Tenant& tenant, const std::string& client_id,
                  std::function<void(Result<RetentionCounts>)> done) {
  const std::string cutoff =
      FormatRfc3339(RetentionCutoff(ctx.clock.Now(), tenant.retention_months));
  auto counts = std::make_shared<RetentionCounts>();
  const std::string base = NotificationBase(ctx, "");

  Status written = ctx.db.Write([&](storage::Connection& c) -> Status {
    Result<std::vector<std::string>> volunteers =
        Ids(c, "SELECT id FROM vrijwilligers WHERE gemeente = ?1 AND gewijzigd_op < ?2",
            tenant.code, cutoff);
    if (!volunteers.ok()) return volunteers.status();
    for (const std::string& id : *volunteers) {
      VC_RETURN_IF_ERROR(ctx.Store("vrijwilligers").Remove(c, tenant.code, id));
      VC_RETURN_IF_ERROR(
          ProcessingLog::Append(c, RetentionEntry(ctx, tenant, client_id, "vrijwilliger", id)));
      VC_RETURN_IF_ERROR(
          Publish(ctx, c, base, {VrijwilligerSpec(), tenant.code, id, "destroy", nullptr, {}}));
    }
    counts->volunteers_erased = static_cast<int64_t>(volunteers->size());

    Result<std::vector<std::string>> requests =
        Ids(c,
            "SELECT id FROM hulpvragen WHERE gemeente = ?1 AND gewijzigd_op < ?2 "
            "AND geanonimiseerd = 0 AND status IN ('afgerond', 'geannuleerd')",
            tenant.code, cutoff);
    if (!requests.ok()) return requests.status();
    for (const std::string& id : *requests) {
      VC_RETURN_IF_ERROR(AnonymiseHulpvraag(
          ctx, c, tenant.code, id, RetentionEntry(ctx, tenant, client_id, "hulpvrager", id), base));
    }
    counts->requests_anonymised = static_cast<int64_t>(requests->size());
    return Status::Ok();
  });
  if (!written.ok()) return done(written);

  log::Info("retention.run", {{"gemeente", tenant.code},
                              {"volunteers_erased", counts->volunteers_erased},
                              {"requests_anonymised", counts->requests_anonymised}});
  if (!tenant.log_retention_months) return done(*counts);

  auto run = std::make_shared<LogRemoval>();
  run->gemeente = tenant.code;
  run->cutoff = FormatRfc3339(RetentionCutoff(ctx.clock.Now(), *tenant.log_retention_months));
  run->counts = *counts;
  run->done = std::move(done);
  RemoveLogChunks(ctx, std::move(run));
}

RetentionScheduler::RetentionScheduler(Context& ctx, std::chrono::seconds interval)
    : ctx_(ctx), interval_(interval), thread_([this] {
        NameThisThread("vc-retention");
        Loop();
      }) {}

RetentionScheduler::~RetentionScheduler() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RetentionScheduler::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
    lock.unlock();
    for (const Tenant& tenant : ctx_.tenants.All()) {
      std::promise<Result<RetentionCounts>> finished;
      std::future<Result<RetentionCounts>> ran = finished.get_future();
      RunRetention(ctx_, tenant, "bewaartermijn-planner",
                   [&finished](Result<RetentionCounts> r) { finished.set_value(std::move(r)); });
      Result<RetentionCounts> run = ran.get();
      if (!run.ok()) {
        log::Error("retention.failed",
                   {{"gemeente", tenant.code}, {"detail", run.status().message()}});
      }
    }
    lock.lock();
  }
}

}  // namespace vc::registration
