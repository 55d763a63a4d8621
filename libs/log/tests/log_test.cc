#include "vc/log/log.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../src/sink.h"

TEST_CASE("control characters and quotes are escaped in log values", "[log][unit]") {
  std::string out;
  vc::log::AppendEscaped(out, "a\"b\\c\nd\x01");
  CHECK(out == "a\\\"b\\\\c\\nd\\u0001");
}

TEST_CASE("escapes keep the plain text around them, at either end", "[log][unit]") {
  const std::pair<const char*, const char*> kCases[] = {{"", ""},
                                                        {"plain", "plain"},
                                                        {"\"", "\\\""},
                                                        {"\tstart", "\\tstart"},
                                                        {"end\r", "end\\r"},
                                                        {"a\037b", "a\\u001fb"},
                                                        {"é ü", "é ü"}};
  for (const auto& [in, expected] : kCases) {
    std::string out = "x";
    vc::log::AppendEscaped(out, in);
    CAPTURE(in);
    CHECK(out == std::string("x") + expected);
  }
}

TEST_CASE("numbers with a fraction are written with three decimals, and never as NaN",
          "[log][unit]") {
  std::string line = vc::log::FormatLine(
      vc::log::Level::kInfo, "e",
      {{"ms", 1.23456}, {"zero", 0.0}, {"big", 12345.5}, {"nan", std::nan("")}, {"inf", HUGE_VAL}});
  CHECK(line.find("\"ms\":1.235,") != std::string::npos);
  CHECK(line.find("\"zero\":0.000,") != std::string::npos);
  CHECK(line.find("\"big\":12345.500,") != std::string::npos);
  CHECK(line.find("\"nan\":null,") != std::string::npos);
  CHECK(line.find("\"inf\":null}") != std::string::npos);
}

TEST_CASE("log levels parse from their names only", "[log][unit]") {
  vc::log::Level level = vc::log::Level::kInfo;
  REQUIRE(vc::log::ParseLevel("warn", &level));
  CHECK(level == vc::log::Level::kWarn);
  CHECK_FALSE(vc::log::ParseLevel("verbose", &level));
}

namespace {

// Points stderr at a file for the life of the object; the file's text is read back with Text().
class CapturedStderr {
 public:
  CapturedStderr() {
    char name[] = "/tmp/vc-log-test-XXXXXX";
    fd_ = ::mkstemp(name);
    path_ = name;
    saved_ = ::dup(STDERR_FILENO);
    ::dup2(fd_, STDERR_FILENO);
  }
  ~CapturedStderr() {
    vc::log::Flush();
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  std::string Text() const {
    std::ifstream in(path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

 private:
  int fd_ = -1;
  int saved_ = -1;
  std::string path_;
};

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("a warning is written at once, after every line logged before it, in order",
          "[log][unit]") {
  CapturedStderr err;
  vc::log::Info("test.first", {{"n", 1}});
  vc::log::Info("test.second", {{"n", 2}});
  vc::log::Warn("test.third", {{"n", 3}});

  const std::string text = err.Text();  // no Flush: the warning wrote all three
  const size_t first = text.find("\"event\":\"test.first\"");
  const size_t second = text.find("\"event\":\"test.second\"");
  const size_t third = text.find("\"event\":\"test.third\"");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  REQUIRE(third != std::string::npos);
  CHECK(first < second);
  CHECK(second < third);
}

TEST_CASE("info lines reach stderr within the flush interval, whole, from many threads",
          "[log][unit]") {
  CapturedStderr err;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 500; ++i) vc::log::Info("test.many", {{"thread", t}, {"i", i}});
    });
  }
  for (std::thread& t : threads) t.join();

  std::string text;
  for (int waited = 0; waited < 100 && Count(text, "test.many") < 2000; ++waited) {
    std::this_thread::sleep_for(vc::log::kFlushInterval);
    text = err.Text();
  }
  CHECK(Count(text, "test.many") == 2000);
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.front() == '{');
    CHECK(line.back() == '}');
  }
}

TEST_CASE("when stderr blocks, info lines are dropped instead of waiting, and counted",
          "[log][unit]") {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const int saved = ::dup(STDERR_FILENO);
  ::dup2(pipe_fds[1], STDERR_FILENO);

  // Nobody reads the pipe yet: the sink's write blocks once the pipe is full, and the buffer
  // fills up to its bound. Logging must still return at once.
  const std::string padding(200, 'x');
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 20000; ++i) vc::log::Info("test.flood", {{"padding", padding}});
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));

  std::string text;
  std::thread reader([&text, fd = pipe_fds[0]] {
    char buf[65536];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) return;
      text.append(buf, static_cast<size_t>(n));
    }
  });
  vc::log::Flush();  // the buffered lines, and a report of those dropped
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(pipe_fds[1]);
  reader.join();
  ::close(pipe_fds[0]);

  const size_t written = Count(text, "test.flood");
  CHECK(written < 20000);
  CHECK(written * (padding.size() + 80) >= vc::log::kMaxBytes / 2);
  REQUIRE(text.find("\"service\":") != std::string::npos);
  REQUIRE(text.find("\"event\":\"log.dropped\",\"lines\":") != std::string::npos);
}
