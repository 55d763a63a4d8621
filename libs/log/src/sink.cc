#include "sink.h"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "vc/core/thread_name.h"

namespace vc::log {
namespace {

// Writes all of text, retrying short and interrupted writes; gives up on an error, since
// there is nowhere left to report it.
void WriteAll(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

class Sink {
 public:
  // Never destroyed: threads may still log while the process exits.
  static Sink& Instance() {
    static Sink* sink = new Sink();
    return *sink;
  }

  void Emit(std::string line, bool urgent) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!urgent && pending_.size() + line.size() > kMaxBytes) {
        ++dropped_;
        return;
      }
      pending_ += line;
      if (!urgent && pending_.size() < kFlushBytes) return;
    }
    if (urgent) {
      Flush();
    } else {
      wake_.notify_one();
    }
  }

  // Batches are taken and written under write_mutex_, so they reach stderr in the order
  // they were taken, while new lines are appended meanwhile under mutex_ alone.
  void Flush() {
    std::lock_guard<std::mutex> writing(write_mutex_);
    std::string batch;
    size_t dropped = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      batch.swap(pending_);
      std::swap(dropped, dropped_);
    }
    if (dropped > 0) batch += DroppedLine(dropped);
    WriteAll(batch);
  }

 private:
  Sink() {
    std::thread([this] {
      NameThisThread("vc-log");
      Loop();
    }).detach();
    std::atexit([] { Instance().Flush(); });
  }

  void Loop() {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, kFlushInterval, [this] { return pending_.size() >= kFlushBytes; });
        if (pending_.empty() && dropped_ == 0) continue;
      }
      Flush();
    }
  }

  static std::string DroppedLine(size_t count) {
    return FormatLine(Level::kWarn, "log.dropped", {{"lines", count}});
  }

  std::mutex mutex_;        // guards pending_ and dropped_
  std::mutex write_mutex_;  // held while a batch is written
  std::condition_variable wake_;
  std::string pending_;
  size_t dropped_ = 0;
};

}  // namespace

void Emit(std::string line, bool urgent) { Sink::Instance().Emit(std::move(line), urgent); }

void FlushAll() { Sink::Instance().Flush(); }

}  // namespace vc::log
