#include "storage/processing_log.h"

#include <algorithm>

#include "vc/core/thread_name.h"
#include "vc/core/uuid.h"
#include "vc/json/writer.h"
#include "vc/log/log.h"

namespace vc::registration {
namespace {

constexpr const char* kColumns =
    "id, trace_id, span_id, activiteit, betrokkene, betrokkene_soort, status, begonnen_op, "
    "beeindigd_op, client_id, request_id";

std::string DocumentOf(storage::Statement& s) {
  json::Writer w;
  w.StartObject()
      .Field("id", s.Text(0))
      .Field("traceId", s.Text(1))
      .Field("spanId", s.Text(2))
      .Field("activiteit", s.Text(3))
      .Field("betrokkene", s.OptionalText(4))
      .Field("betrokkeneSoort", s.OptionalText(5))
      .Field("status", s.Text(6))
      .Field("begonnenOp", s.Text(7))
      .Field("beeindigdOp", s.Text(8))
      .Field("clientId", s.OptionalText(9))
      .Field("requestId", s.OptionalText(10))
      .EndObject();
  return w.Take();
}

// The entries of gemeente ?1, or of gemeente ?1 and subject ?2. The subject index leads with
// the segment, so the subject's entries are read segment by segment: the recursive part steps
// from one segment to the next with one seek each, and every segment then gets one seek for
// the subject.
std::string FromEntries(bool for_subject) {
  if (!for_subject) return " FROM verwerkingen WHERE gemeente = ?1";
  return " FROM (WITH RECURSIVE segmenten (n) AS ("
         " SELECT (SELECT segment FROM verwerkingen WHERE gemeente = ?1 AND betrokkene IS NOT NULL"
         " ORDER BY segment LIMIT 1)"
         " UNION ALL SELECT (SELECT segment FROM verwerkingen WHERE gemeente = ?1"
         " AND betrokkene IS NOT NULL AND segment > n ORDER BY segment LIMIT 1)"
         " FROM segmenten WHERE n IS NOT NULL)"
         " SELECT v.* FROM segmenten CROSS JOIN verwerkingen v"
         " ON v.gemeente = ?1 AND v.segment = segmenten.n AND v.betrokkene = ?2)";
}

// INSERT of `rows` entries with their sequence number and segment given.
//
// OR FAIL: an INSERT of many rows whose constraints ABORT keeps a statement journal, a copy of
// every page it changes, in memory that is taken and freed for each statement. Under a read
// load those copies caused most of the service's page faults (docs/performance.md). No entry
// can conflict (the writer numbers them), and Database undoes a failed write whole, so a FAIL
// that keeps the rows before it loses nothing.
std::string InsertOf(size_t rows) {
  std::string sql =
      std::string("INSERT OR FAIL INTO verwerkingen (volgnummer, segment, gemeente, ") + kColumns +
      ") VALUES ";
  for (size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "" : ", ";
    sql += "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}
constexpr int kParametersPerRow = 14;
constexpr int kSegmentBits = 12;  // 4,096 entries a segment (schema.cc, migration 3)

// Binds entry `e` as the row that starts at parameter `first`. Its texts are borrowed: they
// live in the caller's batch until the statement ran.
void BindRow(storage::Statement& s, int first, int64_t number, const Processing& e,
             const std::string& id) {
  const auto text_or_null = [&s](int index, const std::string& text) {
    if (text.empty()) {
      s.BindNull(index);
    } else {
      s.BindBorrowed(index, text);
    }
  };
  s.Bind(first, number).Bind(first + 1, number >> kSegmentBits);
  s.BindBorrowed(first + 2, e.gemeente)
      .BindBorrowed(first + 3, id)
      .BindBorrowed(first + 4, e.trace_id)
      .BindBorrowed(first + 5, e.span_id)
      .BindBorrowed(first + 6, e.activity);
  text_or_null(first + 7, e.subject);
  text_or_null(first + 8, e.subject_kind);
  s.BindBorrowed(first + 9, e.status)
      .BindBorrowed(first + 10, e.started)
      .BindBorrowed(first + 11, e.ended);
  text_or_null(first + 12, e.client_id);
  text_or_null(first + 13, e.request_id);
}

Result<std::vector<std::string>> Collect(storage::Statement& s) {
  std::vector<std::string> out;
  for (;;) {
    Result<bool> row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(DocumentOf(s));
  }
}

}  // namespace

ProcessingLog::ProcessingLog(storage::Database& db, std::chrono::milliseconds flush_interval)
    : db_(db), interval_(flush_interval), thread_([this] {
        NameThisThread("vc-proclog");
        Loop();
      }) {}

ProcessingLog::~ProcessingLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  room_.notify_all();
  thread_.join();
  Flush();
}

Status ProcessingLog::Append(storage::Connection& c, const Processing& entry) {
  return AppendAll(c, &entry, 1);
}

// Entries are numbered here, from the largest number so far: on the writer connection, inside
// its transaction, nothing else appends meanwhile.
Status ProcessingLog::AppendAll(storage::Connection& c, const Processing* entries, size_t count) {
  Result<storage::Statement*> last =
      c.Prepare("SELECT IFNULL(MAX(volgnummer), 0) FROM verwerkingen");
  if (!last.ok()) return last.status();
  Result<bool> found = (*last)->Step();
  if (!found.ok()) return found.status();
  int64_t number = (*last)->Int(0);
  (*last)->Reset();

  static const std::string kMany = InsertOf(kRowsPerInsert);
  static const std::string kOne = InsertOf(1);
  std::vector<std::string> ids(std::min(count, kRowsPerInsert));
  for (size_t at = 0; at < count;) {
    const size_t rows = count - at >= kRowsPerInsert ? kRowsPerInsert : 1;
    Result<storage::Statement*> insert = c.Prepare(rows == 1 ? kOne : kMany);
    if (!insert.ok()) return insert.status();
    for (size_t i = 0; i < rows; ++i) {
      ids[i] = NewUuid();
      BindRow(**insert, static_cast<int>(i) * kParametersPerRow + 1, ++number, entries[at + i],
              ids[i]);
    }
    VC_RETURN_IF_ERROR((*insert)->Run());
    at += rows;
  }
  return Status::Ok();
}

void ProcessingLog::Record(Processing entry) {
  std::unique_lock<std::mutex> lock(mutex_);
  room_.wait(lock, [this] { return buffer_.size() < kMaxWaiting || stopping_; });
  buffer_.push_back(std::move(entry));
  if (buffer_.size() == kWakeAt) wake_.notify_one();
}

size_t ProcessingLog::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return buffer_.size();
}

std::vector<Processing> ProcessingLog::Take() {
  std::vector<Processing> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(buffer_);
  }
  room_.notify_all();
  return batch;
}

void ProcessingLog::Flush() {
  auto batch = std::make_shared<std::vector<Processing>>(Take());
  for (size_t from = 0; from < batch->size(); from += kChunk) {
    const size_t to = std::min(batch->size(), from + kChunk);
    Status written = db_.Write(
        [batch, from, to](storage::Connection& c) {
          return AppendAll(c, batch->data() + from, to - from);
        },
        storage::Database::Rerun::kYes);
    if (!written.ok()) {
      log::Error("processing_log.flush_failed",
                 {{"entries", to - from}, {"detail", written.message()}});
    }
  }
}

void ProcessingLog::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_ || buffer_.size() >= kWakeAt; });
    if (stopping_ || buffer_.empty()) continue;
    lock.unlock();
    Flush();
    lock.lock();
  }
}

Result<std::vector<std::string>> ProcessingLog::ForSubject(storage::Connection& c,
                                                           const std::string& gemeente,
                                                           const std::string& subject) {
  Result<storage::Statement*> s = c.Prepare(std::string("SELECT ") + kColumns + FromEntries(true) +
                                            " ORDER BY begonnen_op, volgnummer");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, subject);
  return Collect(**s);
}

Result<ProcessingLog::Listing> ProcessingLog::List(storage::Connection& c,
                                                   const std::string& gemeente,
                                                   const std::optional<std::string>& subject,
                                                   int64_t page, int64_t page_size) {
  const std::string where = FromEntries(subject.has_value());
  Listing listing;
  Result<storage::Statement*> count = c.Prepare("SELECT COUNT(*)" + where);
  if (!count.ok()) return count.status();
  (*count)->Bind(1, gemeente);
  if (subject) (*count)->Bind(2, *subject);
  Result<bool> counted = (*count)->Step();
  if (!counted.ok()) return counted.status();
  listing.count = (*count)->Int(0);

  const int64_t offset = (page - 1) * page_size;
  if (page > 1 && offset >= listing.count) return Status::NotFound("Deze pagina bestaat niet.");

  Result<storage::Statement*> rows =
      c.Prepare(std::string("SELECT ") + kColumns + where +
                " ORDER BY begonnen_op, volgnummer LIMIT ? OFFSET ?");
  if (!rows.ok()) return rows.status();
  int i = 1;
  (*rows)->Bind(i++, gemeente);
  if (subject) (*rows)->Bind(i++, *subject);
  (*rows)->Bind(i, page_size).Bind(i + 1, offset);
  Result<std::vector<std::string>> docs = Collect(**rows);
  if (!docs.ok()) return docs.status();
  listing.documents = std::move(docs).value();
  return listing;
}

Result<int64_t> ProcessingLog::RemoveBefore(storage::Connection& c, const std::string& gemeente,
                                            const std::string& cutoff, int64_t limit) {
  // The list index (gemeente, begonnen_op) finds them oldest first without a scan.
  Result<storage::Statement*> s = c.Prepare(
      "DELETE FROM verwerkingen WHERE volgnummer IN (SELECT volgnummer FROM verwerkingen"
      " WHERE gemeente = ?1 AND begonnen_op < ?2 ORDER BY begonnen_op LIMIT ?3)");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, gemeente).Bind(2, cutoff).Bind(3, limit);
  VC_RETURN_IF_ERROR((*s)->Run());
  return c.Changes();
}

}  // namespace vc::registration
