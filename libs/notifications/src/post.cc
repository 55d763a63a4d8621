#include "post.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>
#include <vector>

#include "resolve.h"
#include "vc/client/client.h"

namespace vc::notifications {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr size_t kMaxHead = 16 * 1024;  // status line and headers of one answer
constexpr size_t kMaxIdle = 64;         // connections kept open per origin

std::string ErrnoText(int error) {
  char buffer[128];
  return strerror_r(error, buffer, sizeof buffer);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool HasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

// Waits until fd is ready for events; false when the deadline passed first.
bool Ready(int fd, short events, SteadyClock::time_point deadline) {
  for (;;) {
    const int64_t left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now())
            .count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, INT_MAX)));
    if (n > 0) return true;  // also on POLLERR or POLLHUP: the next read or write says which
    if (n == 0 || errno != EINTR) return false;
  }
}

// One request and its answer on a non-blocking socket, all within one deadline.
class Wire {
 public:
  Wire(int fd, SteadyClock::time_point deadline) : fd_(fd), deadline_(deadline) {}

  bool Send(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n > 0) {
        sent += static_cast<size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!Ready(fd_, POLLOUT, deadline_)) return TimedOut();
      } else {
        return Fail("send: " + ErrnoText(errno));
      }
    }
    return true;
  }

  // A line ending in CRLF, without it.
  bool Line(std::string* line) { return Until("\r\n", 0, line); }

  // Status line and headers, each ending in CRLF, without the empty line after them.
  bool Head(std::string* head) { return Until("\r\n\r\n", 2, head); }

  // Consumes n bytes of body, which nobody reads.
  bool Skip(uint64_t n) {
    while (n > 0) {
      if (in_.empty() && !Fill()) return false;
      const size_t take = static_cast<size_t>(std::min<uint64_t>(n, in_.size()));
      in_.erase(0, take);
      n -= take;
    }
    return true;
  }

  size_t received() const { return received_; }
  bool timed_out() const { return timed_out_; }
  const std::string& error() const { return error_; }
  bool Fail(std::string error) {
    error_ = std::move(error);
    return false;
  }

 private:
  // The input up to `end`, keeping `keep` bytes of it; the rest of `end` is consumed.
  bool Until(const char* end, size_t keep, std::string* out) {
    size_t at;
    while ((at = in_.find(end)) == std::string::npos) {
      if (in_.size() > kMaxHead) return Fail("answer header too large");
      if (!Fill()) return false;
    }
    *out = in_.substr(0, at + keep);
    in_.erase(0, at + std::char_traits<char>::length(end));
    return true;
  }

  bool Fill() {
    char buffer[8192];
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        in_.append(buffer, static_cast<size_t>(n));
        received_ += static_cast<size_t>(n);
        return true;
      }
      if (n == 0) return Fail("the receiver closed the connection");
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return Fail("recv: " + ErrnoText(errno));
      if (!Ready(fd_, POLLIN, deadline_)) return TimedOut();
    }
  }

  bool TimedOut() {
    timed_out_ = true;
    return Fail("no answer within the attempt timeout");
  }

  int fd_;
  SteadyClock::time_point deadline_;
  std::string in_;
  size_t received_ = 0;
  bool timed_out_ = false;
  std::string error_;
};

struct Answer {
  int status = 0;
  bool reusable = false;  // the whole answer was read and the connection may carry another
};

bool ParseStatusLine(const std::string& line, int* status, bool* http10) {
  // "HTTP/1.1 204 No Content"
  if (line.size() < 12 || line.compare(0, 7, "HTTP/1.") != 0 || line[8] != ' ') return false;
  for (size_t i = 9; i < 12; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
  }
  *status = std::stoi(line.substr(9, 3));
  *http10 = line[7] == '0';
  return true;
}

bool ParseLength(const std::string& text, uint64_t* length) {
  if (text.empty() || text.size() > 18) return false;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  *length = std::stoull(text);
  return true;
}

bool SkipChunked(Wire& wire) {
  std::string line;
  for (;;) {
    if (!wire.Line(&line)) return false;
    const std::string size = Trim(line.substr(0, line.find(';')));
    if (size.empty() || size.size() > 15 ||
        size.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      return wire.Fail("invalid chunk size in the answer");
    }
    const uint64_t n = std::stoull(size, nullptr, 16);
    if (n == 0) break;
    if (!wire.Skip(n) || !wire.Line(&line)) return false;
    if (!line.empty()) return wire.Fail("invalid chunk in the answer");
  }
  do {  // trailers, up to the empty line
    if (!wire.Line(&line)) return false;
  } while (!line.empty());
  return true;
}

// Reads one final answer (interim 1xx answers are skipped). False when no status arrived.
bool ReadAnswer(Wire& wire, Answer* answer) {
  std::string head;
  bool http10 = false;
  do {
    if (!wire.Head(&head)) return false;
    if (!ParseStatusLine(head.substr(0, head.find("\r\n")), &answer->status, &http10)) {
      return wire.Fail("the answer is not HTTP/1.x");
    }
  } while (answer->status >= 100 && answer->status < 200);

  std::string connection, encoding, length;
  for (size_t at = head.find("\r\n") + 2; at < head.size();) {
    const size_t end = head.find("\r\n", at);
    const std::string header = head.substr(at, end - at);
    at = end + 2;
    const size_t colon = header.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = Lower(header.substr(0, colon));
    const std::string value = Lower(Trim(header.substr(colon + 1)));
    if (name == "connection") connection = value;
    if (name == "transfer-encoding") encoding = value;
    if (name == "content-length") length = value;
  }

  bool keep = http10 ? connection.find("keep-alive") != std::string::npos
                     : connection.find("close") == std::string::npos;
  bool consumed = true;
  uint64_t n = 0;
  if (answer->status == 204 || answer->status == 304) {
    // no body
  } else if (encoding.find("chunked") != std::string::npos) {
    consumed = SkipChunked(wire);
  } else if (ParseLength(length, &n)) {
    consumed = wire.Skip(n);
  } else {
    keep = false;  // the body ends when the receiver closes; its status is all we need
  }
  answer->reusable = keep && consumed;
  return true;
}

PostOutcome OutcomeOf(int status) {
  if (status < 200 || status > 299) return {status, "HTTP " + std::to_string(status)};
  return {status, ""};
}

// Plain http with kept connections.
class KeepAliveSender final : public Sender {
 public:
  KeepAliveSender(std::string host, std::string port, std::string authority,
                  std::chrono::milliseconds timeout)
      : host_(std::move(host)),
        port_(std::move(port)),
        authority_(std::move(authority)),
        timeout_(timeout) {}

  ~KeepAliveSender() override {
    for (int fd : idle_) ::close(fd);
  }

  PostOutcome Post(const std::string& target, const std::string& auth,
                   const std::string& body) override {
    if (HasLineBreak(auth) || HasLineBreak(target) || target.find(' ') != std::string::npos) {
      return {0, "the callback url or auth value holds a line break or space"};
    }
    const SteadyClock::time_point deadline = SteadyClock::now() + timeout_;
    std::string request =
        "POST " + target + " HTTP/1.1\r\nHost: " + authority_ +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n";
    if (!auth.empty()) request += "Authorization: " + auth + "\r\n";
    request += "\r\n";
    request += body;

    // A kept connection may have been closed by the receiver since its last answer. When it
    // fails before any byte of an answer came back, the post is made once more on a new
    // connection; should the receiver have taken the first one after all, it gets the
    // message twice, which at-least-once delivery allows (receivers de-duplicate by id).
    for (;;) {
      int fd = TakeIdle();
      const bool reused = fd >= 0;
      std::string error;
      if (!reused) fd = Connect(deadline, &error);
      if (fd < 0) return {0, error};

      Wire wire(fd, deadline);
      Answer answer;
      if (wire.Send(request) && ReadAnswer(wire, &answer)) {
        if (answer.reusable) {
          GiveBack(fd);
        } else {
          ::close(fd);
        }
        return OutcomeOf(answer.status);
      }
      ::close(fd);
      if (!reused || wire.received() > 0 || wire.timed_out()) return {0, wire.error()};
    }
  }

 private:
  int TakeIdle() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.empty()) return -1;
    const int fd = idle_.back();
    idle_.pop_back();
    return fd;
  }

  void GiveBack(int fd) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < kMaxIdle) {
      idle_.push_back(fd);
      return;
    }
    ::close(fd);
  }

  int Connect(SteadyClock::time_point deadline, std::string* error) {
    Addresses list = ResolveBefore(host_, port_, deadline, error);
    if (!list) return -1;
    *error = "connect " + authority_ + ": no address";
    for (addrinfo* a = list.get(); a != nullptr; a = a->ai_next) {
      const int fd =
          ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) {
        *error = "socket: " + ErrnoText(errno);
        continue;
      }
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      int failure = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
      if (failure == EINPROGRESS) {
        failure = ETIMEDOUT;
        socklen_t size = sizeof failure;
        if (Ready(fd, POLLOUT, deadline) &&
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size) != 0) {
          failure = errno;
        }
      }
      if (failure == 0) return fd;
      *error = "connect " + authority_ + ": " + ErrnoText(failure);
      ::close(fd);
    }
    return -1;
  }

  const std::string host_;
  const std::string port_;
  const std::string authority_;  // as the Host header
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::vector<int> idle_;
};

// https (and anything the plain sender does not parse) through cpprestsdk.
class CpprestSender final : public Sender {
 public:
  explicit CpprestSender(std::unique_ptr<client::Client> http) : http_(std::move(http)) {}

  PostOutcome Post(const std::string& target, const std::string& auth,
                   const std::string& body) override {
    client::Call call;
    call.method = "POST";
    call.target = target;
    call.body = body;
    if (!auth.empty()) call.headers.push_back({"Authorization", auth});
    Result<client::Reply> reply = http_->Send(call);
    if (!reply.ok()) return {0, reply.status().message()};
    return OutcomeOf(reply->status);
  }

 private:
  std::unique_ptr<client::Client> http_;
};

bool IsPort(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const int port = std::stoi(s);
  return port > 0 && port < 65536;
}

// "host", "host:port", "[v6]" or "[v6]:port" -> host and port; false for anything else.
bool SplitAuthority(const std::string& authority, std::string* host, std::string* port) {
  if (authority.empty() || authority.find_first_of("@/?# ") != std::string::npos) return false;
  *port = "80";
  if (authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos || close == 1) return false;
    *host = authority.substr(1, close - 1);
    if (close + 1 == authority.size()) return true;
    if (authority[close + 1] != ':') return false;
    *port = authority.substr(close + 2);
    return IsPort(*port);
  }
  const size_t colon = authority.find(':');
  *host = authority.substr(0, colon);
  if (host->empty()) return false;
  if (colon == std::string::npos) return true;
  *port = authority.substr(colon + 1);
  return IsPort(*port);
}

}  // namespace

std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

std::unique_ptr<Sender> MakeSender(const std::string& base, std::chrono::milliseconds timeout) {
  const std::string plain = "http://";
  std::string host, port;
  if (base.compare(0, plain.size(), plain) == 0 &&
      SplitAuthority(base.substr(plain.size()), &host, &port)) {
    return std::make_unique<KeepAliveSender>(host, port, base.substr(plain.size()), timeout);
  }
  try {
    return std::make_unique<CpprestSender>(std::make_unique<client::Client>(base, timeout, 0));
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace vc::notifications
