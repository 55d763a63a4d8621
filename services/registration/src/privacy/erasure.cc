#include "privacy/erasure.h"

#include "domain/pseudonym.h"
#include "domain/resources.h"
#include "domain/retention.h"
#include "http/notify.h"
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

// Chunk by chunk, so that other writes get the writer between them; a chunk that comes back
// short was the last.
Result<int64_t> RemoveOldLogEntries(Context& ctx, const Tenant& tenant) {
  const std::string cutoff =
      FormatRfc3339(RetentionCutoff(ctx.clock.Now(), *tenant.log_retention_months));
  int64_t total = 0;
  for (;;) {
    int64_t removed = 0;
    Status written = ctx.db.Write([&](storage::Connection& c) -> Status {
      Result<int64_t> n =
          ProcessingLog::RemoveBefore(c, tenant.code, cutoff, ProcessingLog::kRemoveChunk);
      if (!n.ok()) return n.status();
      removed = *n;
      return Status::Ok();
    });
    if (!written.ok()) return written;
    total += removed;
    if (removed < ProcessingLog::kRemoveChunk) return total;
  }
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

Result<RetentionCounts> RunRetention(Context& ctx, const Tenant& tenant,
                                     const std::string& client_id) {
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
  if (!written.ok()) return written;

  if (tenant.log_retention_months) {
    Result<int64_t> removed = RemoveOldLogEntries(ctx, tenant);
    if (!removed.ok()) return removed.status();
    counts->log_entries_removed = *removed;
  }

  log::Info("retention.run", {{"gemeente", tenant.code},
                              {"volunteers_erased", counts->volunteers_erased},
                              {"requests_anonymised", counts->requests_anonymised},
                              {"log_entries_removed", counts->log_entries_removed}});
  return *counts;
}

RetentionScheduler::RetentionScheduler(Context& ctx, std::chrono::seconds interval)
    : ctx_(ctx), interval_(interval), thread_([this] { Loop(); }) {}

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
      Result<RetentionCounts> run = RunRetention(ctx_, tenant, "bewaartermijn-planner");
      if (!run.ok()) {
        log::Error("retention.failed",
                   {{"gemeente", tenant.code}, {"detail", run.status().message()}});
      }
    }
    lock.lock();
  }
}

}  // namespace vc::registration
