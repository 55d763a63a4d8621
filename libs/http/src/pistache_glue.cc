// The only file that knows Pistache. Pistache's TCP layer accepts connections and, on its
// reactor threads, reads their bytes; everything above is ours (Pistache's HTTP layer is not
// used). A connection's bytes go to its own parser (connection.h), complete requests to
// Server::Dispatch, and answers are serialised (response_writer.h) into one buffer, written
// to the socket by the thread that has it, or through the transport's write queue when the
// socket's buffer is full. Malformed HTTP and clients that are too slow are answered through
// Server::Reject, so every answer leaves as problem+json with the standard headers.
#include <pistache/listener.h>
#include <pistache/peer.h>
#include <pistache/prototype.h>
#include <pistache/tcp.h>
#include <pistache/transport.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <thread>

#include "connection.h"
#include "response_writer.h"
#include "vc/core/result.h"
#include "vc/core/thread_name.h"
#include "vc/http/server.h"
#include "vc/log/log.h"
#include "watchdog.h"

namespace vc::http {
namespace {

namespace P = Pistache;
using Clock = std::chrono::steady_clock;

constexpr const char* kLinkData = "vc.link";

// What happens once an answer's bytes are written.
enum class After {
  kReadOn,     // parse the next request
  kHalfClose,  // the client reads the answer, then sees the end of the stream
  kClose,      // after a timeout: stop reading too, so the connection ends even if the
               // client never closes its side
};

Framing Closing(bool http10) { return Framing{http10, true, false, false}; }

// The interim answer to Expect: 100-continue. Not a problem+json: it has no body.
const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

class Server::Glue : public P::Tcp::Handler {
 public:
  PROTOTYPE_OF(P::Tcp::Handler, Glue)

  Glue(Server* server, std::shared_ptr<Watchdog> watchdog)
      : server_(server), watchdog_(std::move(watchdog)) {
    const ServerOptions& o = server_->options_;
    limits_.max_body_bytes = o.max_body_bytes;
    timeouts_ = Timeouts{o.header_timeout, o.body_timeout, o.idle_timeout};
  }

  void onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) override;
  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override;
  void onDisconnection(const std::shared_ptr<P::Tcp::Peer>& peer) override;

 private:
  struct Link;

  static std::shared_ptr<Link> LinkOf(const std::shared_ptr<P::Tcp::Peer>& peer);
  void Pump(const std::shared_ptr<Link>& link);
  bool PumpOne(const std::shared_ptr<Link>& link);
  void Nudge(const std::shared_ptr<Link>& link);
  void Send(const std::shared_ptr<Link>& link, std::string bytes, After after);
  static constexpr size_t kWriteFailed = static_cast<size_t>(-1);
  static size_t WriteNow(int fd, const std::string& bytes);
  void Done(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Link>& link, After after);
  void Wrote(const std::shared_ptr<Link>& link, After after);
  void Bounce(const std::shared_ptr<Link>& link);
  static void Failed(Link& link);
  void Expire(const std::shared_ptr<Link>& link, Clock::time_point now);

  Server* server_;
  std::shared_ptr<Watchdog> watchdog_;
  ParserLimits limits_;
  Timeouts timeouts_;
};

// One connection as the glue sees it: its state and its socket behind one mutex, which the
// reactor thread, the threads that answer requests and the watchdog all take.
struct Server::Glue::Link final : Watchdog::Watched, std::enable_shared_from_this<Link> {
  Link(Glue* g, P::Tcp::Transport* t, int socket, ParserLimits limits, Timeouts timeouts)
      : glue(g),
        transport(t),
        fd(socket),
        reactor(std::this_thread::get_id()),
        connection(limits, timeouts, Clock::now()) {}

  void Check(Clock::time_point now) override { glue->Expire(shared_from_this(), now); }

  void Retire() override {
    std::lock_guard<std::mutex> lock(mu);
    open = false;
  }

  Glue* const glue;
  P::Tcp::Transport* const transport;
  const int fd;
  const std::thread::id reactor;  // the only thread that parses and dispatches for it

  std::mutex mu;
  Connection connection;   // guarded by mu
  bool open = true;        // guarded by mu; false once Pistache has let go of the socket
  int writes_pending = 0;  // guarded by mu; queued writes whose completion has not come

  bool pumping = false;  // reactor thread only: a Pump is on the stack
};

void Server::Glue::onConnection(const std::shared_ptr<P::Tcp::Peer>& peer) {
  // Pistache starts its reactor threads unnamed; this runs on them, once per thread.
  static thread_local const bool named = (NameThisThread("vc-reactor"), true);
  (void)named;
  auto link = std::make_shared<Link>(this, transport(), peer->fd(), limits_, timeouts_);
  peer->putData(kLinkData, link);
  watchdog_->Watch(link);
}

void Server::Glue::onInput(const char* buffer, size_t len,
                           const std::shared_ptr<P::Tcp::Peer>& peer) {
  std::shared_ptr<Link> link = LinkOf(peer);
  if (!link) return;
  bool reading = false;
  bool writing = false;
  {
    std::lock_guard<std::mutex> lock(link->mu);
    link->connection.Receive(std::string_view(buffer, len), Clock::now());
    reading = link->connection.phase() == Connection::Phase::kReading;
    writing = link->writes_pending > 0;
  }
  if (writing) Nudge(link);
  if (reading) Pump(link);
}

void Server::Glue::onDisconnection(const std::shared_ptr<P::Tcp::Peer>& peer) {
  // Pistache closes the socket right after this; nothing may use its number any more.
  std::shared_ptr<Link> link = LinkOf(peer);
  if (!link) return;
  link->Retire();  // from here on no write for this socket is queued
  bool queued = false;
  {
    std::lock_guard<std::mutex> lock(link->mu);
    queued = link->writes_pending > 0;
  }

  // Pistache's write queue names sockets by number and drops the writes of a closed one only
  // when it moves them to its per-socket lists. A write queued before Retire but still on the
  // queue could otherwise wait there until a new connection has this number on this reactor,
  // and go to that client. Moved now, while the number is still this peer's, it is dropped
  // with the peer.
  if (queued) transport()->flush();
}

std::shared_ptr<Server::Glue::Link> Server::Glue::LinkOf(
    const std::shared_ptr<P::Tcp::Peer>& peer) {
  return std::static_pointer_cast<Link>(peer->tryGetData(kLinkData));
}

// On the reactor thread: dispatch the buffered requests one by one, for as long as each one's
// answer is written before Dispatch returns. A loop, not recursion, so that a long pipelined
// burst cannot exhaust the stack: a Pump reached again from inside returns at once.
void Server::Glue::Pump(const std::shared_ptr<Link>& link) {
  if (link->pumping) return;
  link->pumping = true;
  while (PumpOne(link)) {
  }
  link->pumping = false;
}

// True when the next request may be parsed right away.
bool Server::Glue::PumpOne(const std::shared_ptr<Link>& link) {
  std::unique_lock<std::mutex> lock(link->mu);
  Connection& c = link->connection;
  const RequestParser::Result result = c.Parse();
  if (result == RequestParser::Result::kIncomplete) {
    // No answer is out while a request is read, so the interim one cannot interleave.
    if (c.TakeContinue() && link->open && link->writes_pending == 0) {
      WriteNow(link->fd, kContinue);
    }
    return false;
  }

  const RequestParser& parser = c.parser();
  if (result == RequestParser::Result::kError) {
    const Status status = c.error();
    const std::string path = parser.target();
    const bool http10 = parser.http10();
    c.Close(Clock::now());
    lock.unlock();

    Response problem = server_->Reject(status, path);
    Send(link, SerializeResponse(problem, Closing(http10)), After::kHalfClose);
    return false;
  }

  const Framing framing{parser.http10(), false, parser.keep_alive(), parser.head()};
  Request request = c.TakeRequest();
  lock.unlock();

  server_->Dispatch(
      std::move(request),
      [this, link, framing](const Response& r, bool close) {
        Framing f = framing;
        f.close = close;
        Send(link, SerializeResponse(r, f), close ? After::kHalfClose : After::kReadOn);
      },
      framing.keep_alive);

  lock.lock();
  return c.phase() == Connection::Phase::kReading;
}

// Pistache's reactor handles an epoll event that is both readable and writable as readable
// only, so a write waiting for its writable event stalls when the client's next bytes come
// with it (edge-triggered: that event does not come again). A flushed empty write makes the
// transport drain the connection's queue now. Reactor thread only.
void Server::Glue::Nudge(const std::shared_ptr<Link>& link) {
  {
    std::lock_guard<std::mutex> lock(link->mu);
    if (!link->open) return;
    link->transport->asyncWrite(link->fd, P::RawBuffer(std::string(), 0));
  }
  link->transport->flush();
}

// From any thread: write an answer to the connection's socket. Most answers fit in the
// socket's send buffer and are written here, on the thread that has them, without a round
// through Pistache's write queue and event loop. What does not fit goes on that queue, which
// writes it when the socket is writable again.
void Server::Glue::Send(const std::shared_ptr<Link>& link, std::string bytes, After after) {
  std::unique_lock<std::mutex> lock(link->mu);
  if (!link->open) return;
  link->connection.Answered(after != After::kReadOn, Clock::now());

  // Only one answer per connection is out at a time (Connection holds the next request back),
  // so a queued remainder can only be this answer's own.
  if (link->writes_pending == 0) {
    const size_t sent = WriteNow(link->fd, bytes);
    if (sent == kWriteFailed) {
      // Shut, so that the reactor reads the end of the stream and drops the connection.
      ::shutdown(link->fd, SHUT_RDWR);
      return;
    }
    if (sent == bytes.size()) {
      Done(lock, link, after);
      return;
    }
    bytes.erase(0, sent);
  }

  // Queued under the lock, so that a socket that is open now cannot be closed (and its number
  // reused) before the write is queued; a write still queued when the client goes is dropped
  // in onDisconnection. Only answers larger than the socket's free buffer take this path.
  const size_t size = bytes.size();
  ++link->writes_pending;
  auto written = link->transport->asyncWrite(link->fd, P::RawBuffer(std::move(bytes), size));
  lock.unlock();

  written.then([this, link, after](ssize_t) { Wrote(link, after); },
               [link](std::exception_ptr) { Failed(*link); });
}

// Writes as much of `bytes` as the socket takes without blocking: how many bytes that was, or
// kWriteFailed when the socket is dead. The caller holds the link's lock, which keeps the
// socket open.
size_t Server::Glue::WriteNow(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n =
        ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
      sent += static_cast<size_t>(n);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      break;
    } else if (errno != EINTR) {
      return kWriteFailed;
    }
  }
  return sent;
}

// An answer is out, with the link's lock held. Pipelined requests are parsed on the reactor
// thread only: elsewhere, buffered bytes of a next request send the connection back there.
void Server::Glue::Done(std::unique_lock<std::mutex>& lock, const std::shared_ptr<Link>& link,
                        After after) {
  if (after != After::kReadOn) {
    ::shutdown(link->fd, after == After::kClose ? SHUT_RDWR : SHUT_WR);
    return;
  }
  link->connection.Written(Clock::now());
  const bool on_reactor = std::this_thread::get_id() == link->reactor;
  const bool pipelined = link->connection.parser().buffered() > 0;
  lock.unlock();

  if (on_reactor) {
    Pump(link);  // inside PumpOne's dispatch this returns at once, and PumpOne goes on
  } else if (pipelined) {
    Bounce(link);
  }
}

// When a queued write is out: on the reactor thread, which drains the queue, or on the thread
// that queued it, when the write completed before its continuation was attached.
void Server::Glue::Wrote(const std::shared_ptr<Link>& link, After after) {
  std::unique_lock<std::mutex> lock(link->mu);
  --link->writes_pending;
  if (!link->open) return;
  Done(lock, link, after);
}

// A write that fails leaves a dead socket, which the reactor drops.
void Server::Glue::Failed(Link& link) {
  std::lock_guard<std::mutex> lock(link.mu);
  --link.writes_pending;
}

// A write that completes before its continuation is attached runs that continuation on the
// answering thread, but requests must be parsed and dispatched on the reactor thread (a
// storage thread that dispatched a read could wait for itself). An empty write gets back there.
void Server::Glue::Bounce(const std::shared_ptr<Link>& link) {
  std::unique_lock<std::mutex> lock(link->mu);
  if (!link->open) return;
  ++link->writes_pending;
  auto written = link->transport->asyncWrite(link->fd, P::RawBuffer(std::string(), 0));
  lock.unlock();

  written.then([this, link](ssize_t) { Wrote(link, After::kReadOn); },
               [link](std::exception_ptr) { Failed(*link); });
}

// On the watchdog's thread: a client that is too slow gets a 408; one idle too long is closed.
void Server::Glue::Expire(const std::shared_ptr<Link>& link, Clock::time_point now) {
  std::unique_lock<std::mutex> lock(link->mu);
  if (!link->open) return;
  Connection& c = link->connection;
  switch (c.Due(now)) {
    case Connection::Expiry::kNone:
      return;
    case Connection::Expiry::kClose:
      // The reactor then reads the end of the stream and drops the connection.
      c.Shut();
      ::shutdown(link->fd, SHUT_RDWR);
      return;
    case Connection::Expiry::kTimeout:
      break;
  }

  const std::string path = c.parser().target();
  const bool http10 = c.parser().http10();
  c.Close(now);
  lock.unlock();

  Status late(Code::kRequestTimeout, "Het verzoek kwam niet op tijd binnen.");
  Send(link, SerializeResponse(server_->Reject(late, path), Closing(http10)), After::kClose);
}

struct Server::Endpoint {
  std::unique_ptr<P::Tcp::Listener> listener;
  std::shared_ptr<Watchdog> watchdog;
  bool serving = false;
  bool stopped = false;
};

Server::Server(ServerOptions options, std::shared_ptr<const auth::Verifier> verifier)
    : options_(std::move(options)), verifier_(std::move(verifier)) {}

Status Server::Listen() {
  if (endpoint_) return Status::Ok();

  // A few looks per shortest timeout keep each one within a quarter of its length.
  const auto shortest =
      std::min({options_.header_timeout, options_.body_timeout, options_.idle_timeout});
  const auto interval =
      std::clamp(shortest / 4, std::chrono::milliseconds(5), std::chrono::milliseconds(500));

  auto endpoint = std::make_unique<Endpoint>();
  try {
    endpoint->watchdog = std::make_shared<Watchdog>(interval);
    endpoint->listener =
        std::make_unique<P::Tcp::Listener>(P::Address(options_.host, P::Port(options_.port)));
    // Answers to pipelined requests are separate writes; with Nagle each would wait for the
    // client's delayed ACK of the one before (40 ms).
    endpoint->listener->init(
        static_cast<size_t>(options_.threads),
        P::Flags<P::Tcp::Options>(P::Tcp::Options::ReuseAddr | P::Tcp::Options::NoDelay));
    endpoint->listener->setHandler(std::make_shared<Glue>(this, endpoint->watchdog));
    endpoint->listener->bind();
    port_ = static_cast<uint16_t>(endpoint->listener->getPort());
  } catch (const std::exception& e) {
    return Status(Code::kUnavailable, std::string("cannot listen: ") + e.what());
  }
  endpoint_ = std::move(endpoint);
  return Status::Ok();
}

Status Server::Start() {
  VC_RETURN_IF_ERROR(Listen());
  AddBuiltins();
  std::vector<std::string> labels;
  for (const Route& r : router_.routes()) labels.push_back(r.method + " " + r.pattern);
  metrics_ = std::make_unique<Metrics>(std::move(labels));

  try {
    endpoint_->listener->runThreaded();
    endpoint_->serving = true;
  } catch (const std::exception& e) {
    return Status(Code::kUnavailable, std::string("cannot serve: ") + e.what());
  }
  log::Info("http.listening", {{"host", options_.host}, {"port", static_cast<int>(port_)}});
  return Status::Ok();
}

void Server::Stop() {
  if (!endpoint_ || endpoint_->stopped) return;
  endpoint_->stopped = true;
  // No timeout and no late answer may touch a socket or transport that shutdown destroys.
  endpoint_->watchdog->Stop();
  endpoint_->listener->shutdown();
  if (endpoint_->serving) log::Info("http.stopped");
}

Server::~Server() { Stop(); }

}  // namespace vc::http
