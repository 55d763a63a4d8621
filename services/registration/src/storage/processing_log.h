// The processing log (after the Logboek Dataverwerkingen standard): one entry per read or write
// of personal data, with trace and span ids, the activity, the data subject's pseudonym, the
// status and the times. Entries for writes are appended inside the write's own transaction,
// so a change and its log entry commit together. Entries for reads are buffered and written in
// batches every flush interval, or as soon as kWakeAt entries wait.
//
// Limitation: a read's entry can be lost when the process is killed within the flush interval
// (200 ms by default); reads acknowledge nothing, and one write per read would halve read
// throughput.
// The subject index (gemeente, segment, pseudonym) groups entries in segments of 4,096 in the
// order they were written, so an insert touches only the newest segment's pages; before, a
// pseudonym (an HMAC) put every entry on a random page of one large index, and on a large log
// each read cost a written page (docs/performance.md).
// Limitation: a subject's entries take one index seek per segment, so a GDPR access request
// reads about 250 segments per million entries. The retention job removes the entries older
// than the gemeente's verwerkingenBewaartermijnMaanden; a gemeente without one keeps them all,
// and then that grows with the log's age.
//
// Thread-safe.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "vc/core/result.h"
#include "vc/storage/database.h"

namespace vc::registration {

struct Processing {
  std::string gemeente;
  std::string trace_id;  // 32 hex, from traceparent or new
  std::string span_id;   // 16 hex, new per request
  std::string activity;  // "vrijwilliger.lezen"
  std::string subject;   // pseudonym; empty for activities on many subjects
  std::string subject_kind;
  std::string status = "ok";
  std::string started;
  std::string ended;
  std::string client_id;
  std::string request_id;
};

class ProcessingLog {
 public:
  explicit ProcessingLog(storage::Database& db,
                         std::chrono::milliseconds flush_interval = std::chrono::milliseconds(200));
  ~ProcessingLog();  // writes what is buffered

  // On the writer connection, in a write's transaction: the entry commits with that write.
  static Status Append(storage::Connection& c, const Processing& entry);
  // The same for count entries, kRowsPerInsert to a statement.
  static Status AppendAll(storage::Connection& c, const Processing* entries, size_t count);
  // Buffers a read's entry. Waits while kMaxWaiting entries are not yet written: reads may not
  // outrun their log, and the wait bounds the memory the buffer takes.
  void Record(Processing entry);
  void Flush();  // writes the buffer now, kChunk entries per transaction, until it is durable
  size_t waiting() const;  // entries recorded and not yet taken for writing

  // JSON documents (the Verwerking schema), oldest first.
  static Result<std::vector<std::string>> ForSubject(storage::Connection& c,
                                                     const std::string& gemeente,
                                                     const std::string& subject);
  struct Listing {
    int64_t count = 0;
    std::vector<std::string> documents;
  };
  static Result<Listing> List(storage::Connection& c, const std::string& gemeente,
                              const std::optional<std::string>& subject, int64_t page,
                              int64_t page_size);

  // On the writer connection: removes the oldest entries of the gemeente begun before cutoff
  // (RFC 3339), at most limit of them, and returns how many.
  static Result<int64_t> RemoveBefore(storage::Connection& c, const std::string& gemeente,
                                      const std::string& cutoff, int64_t limit);
  // Entries removed per write transaction by the retention job, which bounds how long one
  // removal holds the writer and how large its commit is.
  static constexpr int64_t kRemoveChunk = 5000;

  // Entries per write transaction, which bounds what one flush holds in memory until it
  // commits, and how long it holds the writer.
  static constexpr size_t kChunk = 2500;
  // Entries that make the flusher write before its interval is up. Waiting entries cost
  // memory (about 750 bytes each): at 20,000 reads a second, 200 ms of them held 3 MB, and as
  // much again while the previous batch was written.
  static constexpr size_t kWakeAt = 500;
  // Rows per INSERT in AppendAll: one statement's fixed cost (its start, its end, its reset)
  // is shared by that many rows.
  static constexpr size_t kRowsPerInsert = 32;
  static constexpr size_t kMaxWaiting = 10000;

 private:
  void Loop();
  std::vector<Processing> Take();

  storage::Database& db_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable room_;  // signalled when the flusher took the buffer
  std::vector<Processing> buffer_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace vc::registration
