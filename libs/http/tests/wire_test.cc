// The HTTP layer over real loopback sockets: pipelining, chunked uploads, requests split over
// many writes, and the timeouts, with the bytes on the wire checked as a client sees them.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "vc/http/server.h"

namespace {

using namespace std::chrono_literals;
using vc::http::Request;
using vc::http::Responder;
using vc::http::Response;

vc::http::ServerOptions Options() {
  vc::http::ServerOptions options;
  options.service = "wire";
  options.max_body_bytes = 1024;
  return options;
}

// An answer far larger than a socket's send buffer: written in part at once, the rest through
// the transport's queue as the client reads.
const std::string kLarge(8 << 20, 'x');

// Answers of /large/after still to come; a test waits for them before its server goes.
std::atomic<int> late_answers{0};

std::unique_ptr<vc::http::Server> Routed(vc::http::ServerOptions options) {
  auto server = std::make_unique<vc::http::Server>(options, nullptr);
  server->Add({"GET", "/echo/{x}", "", [](Request& req, const Responder& respond) {
                 respond(Response::Json(200, req.Param("x")));
               }});
  server->Add({"POST", "/echo", "", [](Request& req, const Responder& respond) {
                 respond(Response::Json(200, req.body));
               }});
  server->Add({"GET", "/slow", "", [](Request&, const Responder& respond) {
                 // Answers later, from another thread, as a storage completion does.
                 std::thread([respond] {
                   std::this_thread::sleep_for(100ms);
                   respond(Response::Json(200, "slow"));
                 }).detach();
               }});
  server->Add({"GET", "/large", "",
               [](Request&, const Responder& respond) { respond(Response::Json(200, kLarge)); }});
  server->Add({"GET", "/large/after/{us}", "", [](Request& req, const Responder& respond) {
                 // The large answer from another thread, after the given microseconds.
                 const auto pause = std::chrono::microseconds(std::stoi(req.Param("us")));
                 ++late_answers;
                 std::thread([respond, pause] {
                   std::this_thread::sleep_for(pause);
                   respond(Response::Json(200, kLarge));
                   --late_answers;
                 }).detach();
               }});
  return server;
}

std::unique_ptr<vc::http::Server> Serve(vc::http::ServerOptions options) {
  auto server = Routed(std::move(options));
  REQUIRE(server->Start().ok());
  return server;
}

// One client connection, with Nagle off so that every Send is its own segment.
class Client {
 public:
  explicit Client(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    REQUIRE(fd_ >= 0);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void Send(std::string_view bytes) {
    REQUIRE(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(bytes.size()));
  }

  // Reads until the server closes its side or the time is up; closed() tells which.
  std::string ReadUntilClosed(std::chrono::milliseconds timeout) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(left.count(), 0))) <= 0) break;
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }

  // Reads one answer whose body is its Content-Length bytes.
  std::string ReadAnswer(std::chrono::milliseconds timeout = 3s) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char c;
    while (out.find("\r\n\r\n") == std::string::npos && Read(&c, deadline)) out.push_back(c);
    const size_t at = out.find("Content-Length: ");
    size_t length = at == std::string::npos ? 0 : std::stoul(out.substr(at + 16));
    char buffer[65536];
    while (length > 0) {
      const ssize_t n = ReadSome(buffer, std::min(length, sizeof buffer), deadline);
      if (n <= 0) break;
      out.append(buffer, static_cast<size_t>(n));
      length -= static_cast<size_t>(n);
    }
    return out;
  }

  bool closed() const { return closed_; }

  bool WaitForBytes(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) == 1;
  }

  // Ends the connection at once with a reset, as a client that crashes or gives up does.
  void Reset() {
    linger off{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &off, sizeof off);
    ::close(fd_);
    fd_ = -1;
  }

  uint16_t port() const {
    sockaddr_in addr{};
    socklen_t size = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &size);
    return ntohs(addr.sin_port);
  }

 private:
  bool Read(char* c, std::chrono::steady_clock::time_point deadline) {
    return ReadSome(c, 1, deadline) == 1;
  }

  ssize_t ReadSome(char* into, size_t most, std::chrono::steady_clock::time_point deadline) {
    pollfd p{fd_, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return -1;
    return ::recv(fd_, into, most, 0);
  }

  int fd_;
  bool closed_ = false;
};

// The bodies of the answers in raw, in order (each read by its Content-Length).
std::vector<std::string> Bodies(const std::string& raw) {
  std::vector<std::string> bodies;
  size_t at = 0;
  while (raw.compare(at, 7, "HTTP/1.") == 0) {
    const size_t end = raw.find("\r\n\r\n", at);
    const size_t length_at = raw.find("Content-Length: ", at);
    if (end == std::string::npos || length_at == std::string::npos || length_at > end) break;
    const size_t length = std::stoul(raw.substr(length_at + 16));
    bodies.push_back(raw.substr(end + 4, length));
    at = end + 4 + length;
  }
  return bodies;
}

int StatusOf(const std::string& raw) {
  return raw.rfind("HTTP/1.", 0) == 0 ? std::stoi(raw.substr(9, 3)) : 0;
}

template <typename Condition>
bool Eventually(Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// The inode of the server's socket for the connection from client_port, from /proc/net/tcp;
// 0 once the server has closed it (or before it accepted).
unsigned long ServerSocket(uint16_t server_port, uint16_t client_port) {
  std::ifstream tcp("/proc/net/tcp");
  std::string line;
  std::getline(tcp, line);  // the column names
  while (std::getline(tcp, line)) {
    std::istringstream row(line);
    std::string slot, local, remote, skip;
    unsigned long inode = 0;
    row >> slot >> local >> remote;
    for (int i = 0; i < 6; ++i) row >> skip;
    row >> inode;
    const auto port = [](const std::string& address) {
      return static_cast<uint16_t>(std::stoul(address.substr(address.find(':') + 1), nullptr, 16));
    };
    if (port(local) == server_port && port(remote) == client_port && inode != 0) return inode;
  }
  return 0;
}

bool ServerHoldsConnection(uint16_t server_port, uint16_t client_port) {
  return ServerSocket(server_port, client_port) != 0;
}

// The descriptor in this process (the server runs in it) of the socket with that inode.
int DescriptorOf(unsigned long inode) {
  const std::string name = "socket:[" + std::to_string(inode) + "]";
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    if (std::filesystem::read_symlink(entry.path(), error).string() == name) {
      return std::stoi(entry.path().filename().string());
    }
  }
  return -1;
}

const std::string kPostEcho =
    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";

}  // namespace

TEST_CASE("pipelined requests are answered in order, also behind a late answer",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(
      "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /echo/twee HTTP/1.1\r\nHost: x\r\n\r\n" +
      kPostEcho + "Content-Length: 4\r\n\r\ndrie" +
      "GET /echo/vier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string raw = c.ReadUntilClosed(5s);
  CHECK(c.closed());
  CHECK(Bodies(raw) == std::vector<std::string>{"slow", "twee", "drie", "vier"});
  CHECK(raw.find("Connection: close") > raw.rfind("HTTP/1.1 200"));
}

TEST_CASE("a bad request behind a good one gets its 400 after the good one's answer",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /x HTTP/1.1\r\nHost : x\r\n\r\n");
  const std::string raw = c.ReadUntilClosed(5s);
  CHECK(c.closed());
  CHECK(StatusOf(raw) == 200);
  const size_t second = raw.find("HTTP/1.1 400 Bad Request");
  REQUIRE(second != std::string::npos);
  CHECK(raw.find("application/problem+json", second) != std::string::npos);
  CHECK(raw.find("Connection: close", second) != std::string::npos);
}

TEST_CASE("a chunked upload arrives decoded, and the connection stays usable",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(kPostEcho + "Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n");
  c.Send("5;ext=1\r\n\":[1,\r\n3\r\n2]}\r\n0\r\n\r\n");
  const std::string answer = c.ReadAnswer();
  CHECK(StatusOf(answer) == 200);
  CHECK(Bodies(answer) == std::vector<std::string>{R"({"a":[1,2]})"});

  c.Send("GET /echo/daarna HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(Bodies(c.ReadAnswer()) == std::vector<std::string>{"daarna"});
}

TEST_CASE("a malformed chunk size is a 400 problem", "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(kPostEcho + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
  const std::string raw = c.ReadUntilClosed(3s);
  CHECK(StatusOf(raw) == 400);
  CHECK(raw.find("application/problem+json") != std::string::npos);
  CHECK(c.closed());
}

TEST_CASE("a client that expects 100-continue gets it before it sends its body",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(kPostEcho + "Expect: 100-continue\r\nContent-Length: 9\r\n\r\n");
  // curl waits a second for the interim answer before it sends the body anyway.
  CHECK(c.ReadAnswer(500ms) == "HTTP/1.1 100 Continue\r\n\r\n");

  c.Send("{\"a\":\"b\"}");
  const std::string answer = c.ReadAnswer();
  CHECK(StatusOf(answer) == 200);
  CHECK(Bodies(answer) == std::vector<std::string>{R"({"a":"b"})"});
}

TEST_CASE("a body too large for the limit is refused at once, not after a 100 Continue",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(kPostEcho + "Expect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
  const std::string raw = c.ReadUntilClosed(2s);
  CHECK(StatusOf(raw) == 413);
  CHECK(raw.find("100 Continue") == std::string::npos);
  CHECK(raw.find("application/problem+json") != std::string::npos);
}

TEST_CASE("an answer larger than the socket's buffer arrives whole to a slow reader",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send("GET /large HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(200ms);  // the server's first write fills the buffers

  const std::string answer = c.ReadAnswer(10s);
  CHECK(StatusOf(answer) == 200);
  const std::vector<std::string> bodies = Bodies(answer);
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0].size() == kLarge.size());
  CHECK((bodies[0] == kLarge));  // in brackets: Catch would print 8 MB on a failure

  // Once the queued rest is out, the connection reads on.
  c.Send("GET /echo/daarna HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(Bodies(c.ReadAnswer()) == std::vector<std::string>{"daarna"});
}

// Pistache's write queue names sockets by number. A write still on that queue when its client
// goes must not reach the next connection that gets the same number on the same reactor. The
// window is a few microseconds wide, so this cannot force it; it varies the moment the client
// goes (before its answer, or once the answer has begun and its rest is queued), on one
// reactor thread, and checks that every next connection reads its own answer and nothing else.
TEST_CASE("a client that goes while its large answer is queued leaves nothing for the next one",
          "[http][wire][integration]") {
  vc::http::ServerOptions options = Options();
  options.threads = 1;
  auto server = Serve(options);

  for (int i = 0; i < 60; ++i) {
    {
      Client gone(server->port());
      gone.Send("GET /large/after/" + std::to_string((i % 6) * 100) +
                " HTTP/1.1\r\nHost: x\r\n\r\n");
      if (i % 2 == 0) {
        // Its answer has begun, so the rest of it waits on the queue for a reader.
        REQUIRE(gone.WaitForBytes(3s));
      } else {
        std::this_thread::sleep_for(std::chrono::microseconds((i % 5) * 120));
      }
      gone.Reset();
    }

    Client next(server->port());
    const std::string mine = "volgende" + std::to_string(i);
    next.Send("GET /echo/" + mine + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string raw = next.ReadUntilClosed(3s);
    INFO("round " << i << ", first bytes: " << raw.substr(0, 40));
    REQUIRE(StatusOf(raw) == 200);
    CHECK(Bodies(raw) == std::vector<std::string>{mine});
    CHECK(raw.find("xxxx") == std::string::npos);
  }
  CHECK(Eventually([] { return late_answers == 0; }));
}

TEST_CASE("a client that connects before the server starts is answered once it does",
          "[http][wire][integration]") {
  auto server = Routed(Options());
  REQUIRE(server->Listen().ok());
  REQUIRE(server->port() != 0);

  Client c(server->port());  // accepted by the kernel into the listening socket's backlog
  c.Send("GET /echo/vroeg HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(c.ReadAnswer(100ms).empty());  // nothing serves yet

  REQUIRE(server->Start().ok());
  CHECK(Bodies(c.ReadAnswer()) == std::vector<std::string>{"vroeg"});
}

TEST_CASE("a request split over many writes is parsed as one", "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  const std::string request = kPostEcho + "Content-Length: 13\r\n\r\n{\"stukjes\":1}";
  for (char byte : request) {
    c.Send(std::string_view(&byte, 1));
    std::this_thread::sleep_for(1ms);
  }
  const std::string answer = c.ReadAnswer();
  CHECK(StatusOf(answer) == 200);
  CHECK(Bodies(answer) == std::vector<std::string>{R"({"stukjes":1})"});
}

TEST_CASE("HEAD gets the length of an answer but not its body", "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send(
      "HEAD /echo/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /echo/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const std::string raw = c.ReadUntilClosed(3s);
  CHECK(StatusOf(raw) == 405);
  CHECK(raw.find("\r\n\r\nHTTP/1.1 200 OK\r\n") != std::string::npos);
}

TEST_CASE("a client that is too slow gets a 408 problem and is closed",
          "[http][wire][integration]") {
  vc::http::ServerOptions options = Options();
  options.header_timeout = 200ms;
  options.body_timeout = 400ms;
  auto server = Serve(options);

  auto [name, bytes] = GENERATE(table<std::string, std::string>({
      {"nothing sent", ""},
      {"headers never finished", "GET /echo/1 HTTP/1.1\r\nHost: x\r\n"},
      {"body never finished", kPostEcho + "Content-Length: 10\r\n\r\n{\"a\""},
  }));
  CAPTURE(name);
  {
    Client c(server->port());
    if (!bytes.empty()) c.Send(bytes);
    const auto start = std::chrono::steady_clock::now();
    CHECK(Eventually([&] { return ServerHoldsConnection(server->port(), c.port()); }));
    const std::string raw = c.ReadUntilClosed(5s);
    const auto waited = std::chrono::steady_clock::now() - start;
    CHECK(StatusOf(raw) == 408);
    CHECK(raw.find("application/problem+json") != std::string::npos);
    CHECK(raw.find("Connection: close") != std::string::npos);
    CHECK(c.closed());
    CHECK(waited < 2s);

    // The server let go of its end although this client keeps its own open.
    CHECK(Eventually([&] { return !ServerHoldsConnection(server->port(), c.port()); }));
  }
}

TEST_CASE("a kept-alive connection idle too long is closed without an answer",
          "[http][wire][integration]") {
  vc::http::ServerOptions options = Options();
  options.idle_timeout = 300ms;
  auto server = Serve(options);
  Client c(server->port());
  c.Send("GET /echo/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(StatusOf(c.ReadAnswer()) == 200);

  std::this_thread::sleep_for(150ms);  // within the timeout: still usable
  c.Send("GET /echo/2 HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(Bodies(c.ReadAnswer()) == std::vector<std::string>{"2"});

  const std::string rest = c.ReadUntilClosed(3s);
  CHECK(rest.empty());
  CHECK(c.closed());
  CHECK(Eventually([&] { return !ServerHoldsConnection(server->port(), c.port()); }));
}

TEST_CASE("accepted connections have Nagle's algorithm off, so pipelined answers go at once",
          "[http][wire][integration]") {
  auto server = Serve(Options());
  Client c(server->port());
  c.Send("GET /echo/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(StatusOf(c.ReadAnswer()) == 200);

  const int fd = DescriptorOf(ServerSocket(server->port(), c.port()));
  REQUIRE(fd >= 0);
  int nodelay = 0;
  socklen_t size = sizeof nodelay;
  REQUIRE(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) == 0);
  CHECK(nodelay != 0);
}
