// Erasure of personal data, as one write each: on request (a volunteer's record, a resident's
// part of a help request) and by the retention job for people inactive longer than their
// gemeente's period. Each erasure leaves a processing-log entry under the person's pseudonym.
// The retention job also removes processing-log entries older than the gemeente's period for
// the log, when it has one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "http/context.h"

namespace vc::registration {

// Anonymises one help request inside a write: removes the resident's data, keeps the rest,
// and publishes an update without personal data (urls under base_url). kNotFound when absent
// from this gemeente.
Status AnonymiseHulpvraag(Context& ctx, storage::Connection& c, const std::string& gemeente,
                          const std::string& id, const Processing& entry,
                          const std::string& base_url);

struct RetentionCounts {
  int64_t volunteers_erased = 0;
  int64_t requests_anonymised = 0;
  int64_t log_entries_removed = 0;
};

// Erases, in one transaction, the volunteers of the tenant unchanged since the cutoff and
// anonymises its closed help requests unchanged since then; the caller waits for that. Then,
// when the tenant has a period for the processing log, removes the log's entries begun before
// that period, in transactions of ProcessingLog::kRemoveChunk entries that nobody waits for.
// done gets the counts or the first failure, on the caller's thread or on the storage's
// completion thread (so it may not call Database::Write).
void RunRetention(Context& ctx, const Tenant& tenant, const std::string& client_id,
                  std::function<void(Result<RetentionCounts>)> done);

// Runs RunRetention for every gemeente at a fixed interval, on its own thread.
class RetentionScheduler {
 public:
  RetentionScheduler(Context& ctx, std::chrono::seconds interval);
  ~RetentionScheduler();

 private:
  void Loop();

  Context& ctx_;
  std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vc::registration
