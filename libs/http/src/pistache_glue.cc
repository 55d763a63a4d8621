// The only file that knows Pistache. It takes over Pistache's request-level input handling so
// that every answer, including those to malformed HTTP, goes through Server::Dispatch or
// Server::Reject and leaves as problem+json with the standard headers.
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <sys/socket.h>

#include <sstream>

#include "vc/http/server.h"
#include "vc/log/log.h"

namespace vc::http {
namespace {

namespace P = Pistache;

// Set on a connection after an error answer: its remaining input is dropped, and the
// connection closes once the answer is written.
constexpr const char* kDiscard = "vc.discard";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of a query component; '+' is a space. Malformed escapes stay as they are.
std::string Decode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() + 0 && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Request Convert(const P::Http::Request& in) {
  Request out;
  out.method = P::Http::methodString(in.method());
  out.path = in.resource();
  for (auto it = in.query().parameters_begin(); it != in.query().parameters_end(); ++it) {
    out.query[Decode(it->first)] = Decode(it->second);
  }
  // One stream per thread: building a std::ostringstream per header costs more than the rest
  // of the conversion together.
  thread_local std::ostringstream value;
  for (const auto& header : in.headers().list()) {
    value.str("");
    value.clear();
    header->write(value);
    out.headers[Lower(header->name())] = value.str();
  }
  for (const auto& [name, raw] : in.headers().rawList()) {
    out.headers[Lower(name)] = raw.value();
  }
  out.body = in.body();
  return out;
}

bool KeepAlive(const P::Http::Request& in) {
  auto connection = in.headers().tryGet<P::Http::Header::Connection>();
  if (in.version() == P::Http::Version::Http11) {
    return !connection || connection->control() != P::Http::ConnectionControl::Close;
  }
  return connection && connection->control() == P::Http::ConnectionControl::KeepAlive;
}

// Pistache 0.0.5 writes only typed headers into a response (raw ones are dropped), so every
// header of ours travels as one of these.
class AnyHeader final : public P::Http::Header::Header {
 public:
  AnyHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& os) const override { os << value_; }
  uint64_t hash() const override { return std::hash<std::string>()(name_); }

 private:
  std::string name_;
  std::string value_;
};

void Add(P::Http::ResponseWriter& writer, std::string name, std::string value) {
  writer.headers().add(std::make_shared<AnyHeader>(std::move(name), std::move(value)));
}

void Write(P::Http::ResponseWriter& writer, const Response& r, bool close,
           const std::weak_ptr<P::Tcp::Peer>& peer) {
  for (const auto& [name, value] : r.headers) Add(writer, name, value);
  if (!r.content_type.empty()) Add(writer, "Content-Type", r.content_type);
  if (close) Add(writer, "Connection", "close");

  auto sent = writer.send(static_cast<P::Http::Code>(r.status), r.body);
  if (close) {
    // Half-close after the answer is on the wire: the client reads it, then sees the end.
    sent.then(
        [peer](ssize_t) {
          if (auto p = peer.lock()) ::shutdown(p->fd(), SHUT_WR);
        },
        P::Async::IgnoreException);
  }
}

}  // namespace

class Server::Glue : public P::Http::Handler {
 public:
  HTTP_PROTOTYPE(Glue)

  explicit Glue(Server* server) : server_(server) {}

  void onRequest(const P::Http::Request&, P::Http::ResponseWriter) override {
    // Never called: onInput below dispatches requests itself.
  }

  void onTimeout(const P::Http::Request& request, P::Http::ResponseWriter writer) override {
    Status s(Code::kRequestTimeout, "Het verzoek kwam niet op tijd binnen.");
    Write(writer, server_->Reject(s, request.resource()), true, std::weak_ptr<P::Tcp::Peer>());
  }

  void onInput(const char* buffer, size_t len, const std::shared_ptr<P::Tcp::Peer>& peer) override {
    if (peer->tryGetData(kDiscard)) return;

    auto parser = getParser(peer);
    try {
      if (!parser->feed(buffer, len)) {
        Refuse(peer, Status(Code::kTooLarge, "Het verzoek is groter dan is toegestaan."));
        return;
      }
      if (parser->parse() != P::Http::Private::State::Done) return;
      Take(*parser, peer);
    } catch (const P::Http::HttpError& e) {
      Refuse(peer, FromHttpError(e));
    } catch (const std::exception& e) {
      // Pistache throws plain exceptions for some malformed input (a negative
      // Content-Length, for one); every one of them is the client's fault here.
      Refuse(peer, Status::Invalid(std::string("Het HTTP-verzoek is onleesbaar: ") + e.what()));
    }
  }

 private:
  void Take(P::Http::RequestParser& parser, const std::shared_ptr<P::Tcp::Peer>& peer) {
    P::Http::Request& in = parser.request;
    const P::Http::Version version = in.version();
    const bool keep_alive = KeepAlive(in);
    Request request = Convert(in);
    parser.reset();
    peer->setIdle(false);

    auto writer = std::make_shared<P::Http::ResponseWriter>(version, transport(), this, peer);
    std::weak_ptr<P::Tcp::Peer> weak = peer;
    server_->Dispatch(
        std::move(request),
        [writer, weak](const Response& r, bool close) { Write(*writer, r, close, weak); },
        keep_alive);
  }

  void Refuse(const std::shared_ptr<P::Tcp::Peer>& peer, const Status& status) {
    auto parser = getParser(peer);
    const P::Http::Version version = parser->request.version();
    std::string path = parser->request.resource();
    parser->reset();
    peer->putData(kDiscard, std::make_shared<int>(1));

    P::Http::ResponseWriter writer(version, transport(), this, peer);
    Write(writer, server_->Reject(status, path.empty() ? "/" : path), true, peer);
  }

  static Status FromHttpError(const P::Http::HttpError& e) {
    switch (e.code()) {
      case 413:
        return Status(Code::kTooLarge, "Het verzoek is groter dan is toegestaan.");
      case 408:
        return Status(Code::kRequestTimeout, "Het verzoek kwam niet op tijd binnen.");
      default:
        return Status::Invalid("Het HTTP-verzoek is onleesbaar: " + e.reason());
    }
  }

  Server* server_;
};

struct Server::Endpoint {
  std::unique_ptr<P::Http::Endpoint> endpoint;
  bool stopped = false;
};

Server::Server(ServerOptions options, std::shared_ptr<const auth::Verifier> verifier)
    : options_(std::move(options)), verifier_(std::move(verifier)) {}

Status Server::Start() {
  AddBuiltins();
  std::vector<std::string> labels;
  for (const Route& r : router_.routes()) labels.push_back(r.method + " " + r.pattern);
  metrics_ = std::make_unique<Metrics>(std::move(labels));

  try {
    P::Address address(options_.host, P::Port(options_.port));
    endpoint_ = std::make_unique<Endpoint>();
    endpoint_->endpoint = std::make_unique<P::Http::Endpoint>(address);
    auto opts = P::Http::Endpoint::options()
                    .threads(options_.threads)
                    .flags(P::Tcp::Options::ReuseAddr)
                    .maxRequestSize(options_.max_body_bytes + 16 * 1024)
                    .headerTimeout(std::chrono::seconds(10))
                    .bodyTimeout(std::chrono::seconds(30));
    endpoint_->endpoint->init(opts);
    endpoint_->endpoint->setHandler(std::make_shared<Glue>(this));
    endpoint_->endpoint->serveThreaded();
    port_ = static_cast<uint16_t>(endpoint_->endpoint->getPort());
  } catch (const std::exception& e) {
    return Status(Code::kUnavailable, std::string("cannot listen: ") + e.what());
  }
  log::Info("http.listening", {{"host", options_.host}, {"port", static_cast<int>(port_)}});
  return Status::Ok();
}

void Server::Stop() {
  if (!endpoint_ || endpoint_->stopped) return;
  endpoint_->stopped = true;
  endpoint_->endpoint->shutdown();
  log::Info("http.stopped");
}

Server::~Server() { Stop(); }

}  // namespace vc::http
