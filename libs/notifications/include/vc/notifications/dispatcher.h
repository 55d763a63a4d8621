// The dispatcher: a background worker that delivers the outbox (outbox.h) to every matching
// subscription, at least once, in order per main object (hoofdObject) and subscription.
//
// Each round it (1) fans new outbox messages out into one delivery per matching subscription,
// moving its cursor in the same transaction, (2) takes per subscription the due deliveries
// that head their (subscription, hoofdObject) queue, i.e. whose earlier messages are all
// delivered or dead, (3) posts them in parallel with a per-attempt timeout over kept HTTP
// connections, and (4) records every attempt (time, HTTP status, error) and the new state in
// one write, which shares its transaction with the next fan-out. A failed delivery is retried
// after an exponential backoff with jitter; after max_attempts it is dead (`mislukt`) until an
// operator retries it. All state but the circuit breakers is in the database, so a restart
// resumes where the last commit left off (a delivery that was in flight at a crash is sent
// again: receivers de-duplicate by id).
//
// Circuit breaker, per subscription: when every attempt of a round to a subscription failed,
// its receiver counts as down, and for the backoff period after its n-th such round (the same
// formula as a delivery's) none of its deliveries is attempted; then one probe, the oldest
// due delivery, is. A successful probe closes the breaker and the rest follow at full speed.
// While the breaker is open the subscription's deliveries are neither attempted nor rewritten
// (so no attempt is recorded for them: none is made; the probe's attempts are recorded), and
// new messages are not fanned out to it: it keeps a cursor of its own in the outbox and
// catches up, in order, once its breaker closes. So a dead receiver costs one attempt and one
// small write per backoff period, and nothing per message the producer writes. Breakers live
// in memory: after a restart the first round tries up to `batch` deliveries again.
//
// In idle rounds it also removes, in chunks, what the outbox no longer needs once it is older
// than the retention period (src/retention.h).
//
// Thread-safe: Wake, Drain, Stop and the dead-letter functions may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "vc/core/result.h"
#include "vc/storage/database.h"

namespace vc::notifications {

class Sender;  // post.h, internal

struct DispatcherOptions {
  std::chrono::milliseconds attempt_timeout{5000};
  std::chrono::milliseconds backoff_base{1000};    // delay after the first failure
  std::chrono::milliseconds backoff_max{3600000};  // cap of the doubling delay
  int max_attempts = 15;                           // then dead-lettered
  std::chrono::milliseconds poll_interval{200};    // idle wait when nobody calls Wake
  size_t batch = 256;                              // deliveries per round
  int parallel = 8;                                // concurrent posts per round
  // Forwarding: when set, every message goes to this one url (an external Open Notificaties'
  // .../api/v1/notificaties) instead of to subscriptions, with the Authorization value that
  // forward_auth gives per round (a fresh ZGW JWT, so its iat stays recent).
  std::string forward_url;
  std::function<std::string()> forward_auth;
  // Retention (src/retention.h): what the outbox no longer needs is removed once it is older
  // than this; zero keeps everything. A pass starts every prune_interval and removes one
  // chunk of up to prune_chunk messages per idle round.
  std::chrono::hours retention{24 * 30};
  std::chrono::milliseconds prune_interval{3600000};
  int64_t prune_chunk = 1000;
};

// The delay before attempt `failures + 1`: backoff_base * 2^(failures-1), capped at
// backoff_max, times a random factor in [0.5, 1.0] so that receivers that come back are not
// hit by every sender at once. failures >= 1.
std::chrono::milliseconds Backoff(const DispatcherOptions& options, int failures,
                                  std::mt19937_64& random);

struct Attempt {
  std::string tijdstip;  // RFC 3339
  int http_status = 0;   // 0: no answer
  std::string fout;      // empty when delivered
};

struct Delivery {
  int64_t id = 0;
  std::string uuid;         // the id the API shows
  std::string notificatie;  // message id
  std::string abonnement;   // subscription id ("doorsturen" when forwarding)
  std::string status;       // gepland, afgeleverd, mislukt, vervallen
  int pogingen = 0;
  std::string laatste_fout;
  std::string bericht;  // the message JSON
  std::vector<Attempt> attempts;
};

// Dead-lettered deliveries, oldest first, with their attempts.
Result<std::vector<Delivery>> ListDead(storage::Connection& c, int64_t limit, int64_t offset);
Result<int64_t> CountDead(storage::Connection& c);
// Puts a dead delivery back in the queue with a fresh attempt budget. kNotFound when the
// delivery does not exist or is not dead.
Status RetryDead(storage::Connection& c, const std::string& delivery);

class Dispatcher {
 public:
  // db must outlive the Dispatcher and hold the outbox schema. Starts the worker thread.
  Dispatcher(storage::Database& db, DispatcherOptions options);
  ~Dispatcher();  // Stop()
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Ends the idle wait now (e.g. from a write's done callback).
  void Wake();

  // Keeps delivering what is due until nothing is, or `bound` passed, then stops; returns
  // true when no delivery is pending at all (none waits for a retry or behind an open
  // breaker either). The last round may overrun the bound by one attempt_timeout. Idempotent.
  bool Drain(std::chrono::milliseconds bound);
  void Stop() { Drain(std::chrono::milliseconds(0)); }

  // Counters for metrics and tests.
  uint64_t delivered() const { return delivered_; }
  uint64_t failed_attempts() const { return failed_; }
  // Rounds in which a subscription's breaker was open, so none of its deliveries was tried.
  uint64_t skipped_rounds() const { return skipped_; }
  // Retention passes finished, and the messages they removed.
  uint64_t prune_passes() const { return prune_passes_; }
  uint64_t pruned_messages() const { return pruned_messages_; }

 private:
  struct Job;
  struct Target;
  struct Breaker {
    int failures = 0;      // rounds in a row in which every attempt failed
    int64_t probe_at = 0;  // ms since the epoch; before it none is tried, then one probe
  };

  void Loop();
  Status FanOut(bool* more);
  Result<std::vector<Job>> Due();
  Status DueFor(storage::Connection& c, const Target& target, size_t want, int64_t now,
                std::vector<Job>* jobs);
  void PostAll(std::vector<Job>& jobs);
  void Post(Job& job);
  void UpdateBreakers(const std::vector<Job>& jobs);
  void Record(std::vector<Job> jobs);
  Sender* SenderFor(const std::string& base);
  bool PastDeadline();
  Result<int64_t> Pending();
  void PruneStep();

  storage::Database& db_;
  DispatcherOptions options_;
  std::mt19937_64 random_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool draining_ = false;
  bool left_nothing_ = true;
  int recording_ = 0;  // records submitted whose done callback has not run yet
  std::condition_variable recorded_;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;

  std::mutex senders_mutex_;
  std::map<std::string, std::unique_ptr<Sender>> senders_;  // by origin, kept for its connections

  // By subscription; the worker thread only.
  // Limitation: kept in memory, not in the store, so after a restart the first round tries up
  // to `batch` deliveries of a receiver that is still down (each attempt recorded) before its
  // breaker opens again; storing them would add a write per round for little gain.
  std::map<std::string, Breaker> breakers_;
  uint64_t rounds_ = 0;  // the worker thread only

  // The retention pass under way; the worker thread only.
  struct Pruning;
  std::unique_ptr<Pruning> pruning_;
  std::chrono::steady_clock::time_point next_prune_{};

  std::atomic<uint64_t> delivered_{0};
  std::atomic<uint64_t> failed_{0};
  std::atomic<uint64_t> skipped_{0};
  std::atomic<uint64_t> prune_passes_{0};
  std::atomic<uint64_t> pruned_messages_{0};
};

}  // namespace vc::notifications
