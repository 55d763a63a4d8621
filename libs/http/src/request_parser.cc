#include "request_parser.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace vc::http {
namespace {

// A chunk-size line is a few hex digits and perhaps an extension; nothing honest is longer.
constexpr size_t kMaxChunkLine = 4096;

// A buffer that once held a large pipelined burst is given back when it empties.
constexpr size_t kKeptCapacity = 64 * 1024;

constexpr const char* kNoCrlf = "een chunk eindigt niet op CRLF";
constexpr const char* kHeadTooLarge = "De headers van het verzoek zijn groter dan is toegestaan.";
constexpr const char* kBodyTooLarge = "Het verzoek is groter dan is toegestaan.";
constexpr const char* kTooManyHeaders = "Het verzoek heeft meer headers dan is toegestaan.";

constexpr std::string_view kMethods[] = {"GET",  "POST",    "PUT",   "PATCH",  "DELETE",
                                         "HEAD", "OPTIONS", "TRACE", "CONNECT"};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 9110 tchar, as a table: header names are checked byte by byte on every request.
constexpr std::array<bool, 256> TokenChars() {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 'a' + 'A'] = true;
  for (char c : std::string_view("!#$%&'*+-.^_`|~")) table[static_cast<unsigned char>(c)] = true;
  return table;
}
constexpr std::array<bool, 256> kTokenChars = TokenChars();

bool IsTokenChar(char c) { return kTokenChars[static_cast<unsigned char>(c)]; }

// Field values may hold visible ASCII, spaces, tabs and obs-text; no other control bytes.
bool IsValueChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u == '\t' || (u >= 0x20 && u != 0x7F);
}

// The same for a whole value, eight bytes at a time: a bearer token alone is 200 bytes, and a
// byte-wise check cost most of a header's parse. A word with a byte below 0x20 (a tab, say)
// or a DEL is looked at byte by byte.
bool IsValidValue(std::string_view value) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= value.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, value.data() + i, 8);
    const uint64_t del = word ^ (kOnes * 0x7F);
    const uint64_t suspect = ((word - kOnes * 0x20) & ~word) | ((del - kOnes) & ~del);
    if ((suspect & kHigh) == 0) continue;
    for (size_t j = i; j < i + 8; ++j) {
      if (!IsValueChar(value[j])) return false;
    }
  }
  for (; i < value.size(); ++i) {
    if (!IsValueChar(value[i])) return false;
  }
  return true;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != lower[i]) return false;
  }
  return true;
}

// Calls visit with each trimmed, non-empty item of a comma-separated list.
template <typename Visit>
void ForEachItem(std::string_view list, Visit visit) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view item = Trim(list.substr(0, comma));
    if (!item.empty()) visit(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

// Splits "name: value" into a valid token name and a trimmed value of valid characters.
bool SplitField(std::string_view line, std::string_view& name, std::string_view& value) {
  const size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  name = line.substr(0, colon);
  for (char c : name) {
    if (!IsTokenChar(c)) return false;  // this also refuses whitespace before the colon
  }
  value = Trim(line.substr(colon + 1));
  return IsValidValue(value);
}

// Fields read as a single value, here or by a handler.
bool IsSingleton(const std::string& name) {
  static const char* const kSingletons[] = {"authorization", "content-type", "origin",
                                             "traceparent", "x-request-id"};
  for (const char* singleton : kSingletons) {
    if (name == singleton) return true;
  }
  return false;
}

}  // namespace

std::string DecodeQueryComponent(std::string_view text) {
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

RequestParser::RequestParser(ParserLimits limits) : limits_(limits) {}

void RequestParser::Feed(std::string_view bytes) { buffer_.append(bytes.data(), bytes.size()); }

RequestParser::Result RequestParser::Next() {
  while (state_ != State::kDone) {
    if (!Step()) {
      if (state_ == State::kFailed) return Result::kError;
      Compact();
      return Result::kIncomplete;
    }
  }
  return Result::kRequest;
}

Request RequestParser::TakeRequest() {
  Request out = std::move(request_);
  StartRequest();
  Compact();
  return out;
}

bool RequestParser::reading_body() const {
  return state_ == State::kBody || state_ == State::kChunkSize || state_ == State::kChunkData ||
         state_ == State::kChunkEnd || state_ == State::kTrailers;
}

bool RequestParser::Step() {
  std::string_view line;
  switch (state_) {
    case State::kRequestLine:
      if (!ReadLine(line, limits_.max_head_bytes)) return false;
      if (line.empty() && request_.method.empty()) return true;  // a stray CRLF before it
      return ParseRequestLine(line);
    case State::kHeaders:
      if (!ReadLine(line, limits_.max_head_bytes)) return false;
      return line.empty() ? EndOfHeaders() : ParseHeader(line);
    case State::kBody:
    case State::kChunkData:
      return ReadBody();
    case State::kChunkSize:
      if (!ReadLine(line, kMaxChunkLine)) return false;
      return ParseChunkSize(line);
    case State::kChunkEnd: {
      const size_t available = buffer_.size() - pos_;
      if (available >= 1 && buffer_[pos_] != '\r') return Fail(Code::kInvalidArgument, kNoCrlf);
      if (available < 2) return false;
      if (buffer_[pos_ + 1] != '\n') return Fail(Code::kInvalidArgument, kNoCrlf);
      pos_ += 2;
      state_ = State::kChunkSize;
      return true;
    }
    case State::kTrailers: {
      if (!ReadLine(line, limits_.max_head_bytes)) return false;
      if (line.empty()) {
        state_ = State::kDone;
        return true;
      }
      std::string_view name, value;
      if (++headers_ > limits_.max_headers) return Fail(Code::kTooLarge, kTooManyHeaders);
      return SplitField(line, name, value) || Fail(Code::kInvalidArgument, "ongeldige trailer");
    }
    case State::kDone:
    case State::kFailed:
      return false;
  }
  return false;
}

// A line ends in CRLF; a bare LF, or a CR anywhere else, is refused. Head lines count against
// the head limit, so a client cannot make us buffer an endless header. The search for the LF
// resumes where the last one stopped, so a line fed byte by byte costs linear time.
bool RequestParser::ReadLine(std::string_view& line, size_t max_bytes) {
  const bool head =
      state_ == State::kRequestLine || state_ == State::kHeaders || state_ == State::kTrailers;
  const size_t used = head ? head_bytes_ : 0;
  const char* begin = buffer_.data() + pos_;
  const size_t available = buffer_.size() - pos_;
  const void* lf = std::memchr(begin + scanned_, '\n', available - scanned_);
  const size_t length = lf ? static_cast<size_t>(static_cast<const char*>(lf) - begin) : available;
  if (used + length + (lf ? 1 : 0) > max_bytes) {
    return Fail(Code::kTooLarge, head ? kHeadTooLarge : "Een chunk-regel is te lang.");
  }
  if (!lf) {
    scanned_ = available;
    return false;
  }

  scanned_ = 0;
  if (length == 0 || begin[length - 1] != '\r') {
    return Fail(Code::kInvalidArgument, "een regel eindigt niet op CRLF");
  }
  line = std::string_view(begin, length - 1);
  if (line.find('\r') != std::string_view::npos) {
    return Fail(Code::kInvalidArgument, "een losse CR in een regel");
  }
  pos_ += length + 1;
  if (head) head_bytes_ += length + 1;
  return true;
}

bool RequestParser::ParseRequestLine(std::string_view line) {
  const size_t first = line.find(' ');
  const size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos) return Fail(Code::kInvalidArgument, "geen verzoekregel");

  const std::string_view method = line.substr(0, first);
  bool known = false;
  for (std::string_view m : kMethods) known = known || m == method;
  if (!known) return Fail(Code::kInvalidArgument, "onbekende methode");
  request_.method.assign(method.data(), method.size());
  head_ = method == "HEAD";

  const std::string_view version = line.substr(second + 1);
  if (version == "HTTP/1.1") {
    http10_ = false;
  } else if (version == "HTTP/1.0") {
    http10_ = true;
  } else {
    return Fail(Code::kInvalidArgument, "alleen HTTP/1.0 en HTTP/1.1 worden ondersteund");
  }

  if (!ParseTarget(line.substr(first + 1, second - first - 1))) return false;
  state_ = State::kHeaders;
  return true;
}

bool RequestParser::ParseTarget(std::string_view target) {
  for (char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == '#') {
      return Fail(Code::kInvalidArgument, "ongeldig teken in de URL");
    }
  }

  // A server must accept the absolute form too; only its path and query matter here.
  std::string_view rest = target;
  if (EqualsIgnoringCase(rest.substr(0, 7), "http://")) {
    rest.remove_prefix(7);
  } else if (EqualsIgnoringCase(rest.substr(0, 8), "https://")) {
    rest.remove_prefix(8);
  }
  if (rest.size() != target.size()) {
    const size_t path = rest.find_first_of("/?");
    rest = path == std::string_view::npos ? std::string_view("/") : rest.substr(path);
  }
  const bool asterisk = rest == "*" && request_.method == "OPTIONS";
  if (rest.empty() || (rest.front() != '/' && !asterisk)) {
    return Fail(Code::kInvalidArgument, "de URL moet met / beginnen");
  }

  const size_t question = rest.find('?');
  request_.path.assign(rest.data(), std::min(question, rest.size()));
  if (request_.path.empty()) request_.path = "/";
  target_ = request_.path;
  if (question == std::string_view::npos) return true;

  // The first of repeated names wins, as it did under Pistache.
  std::string_view query = rest.substr(question + 1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    if (!item.empty()) {
      const size_t eq = item.find('=');
      std::string value =
          eq == std::string_view::npos ? std::string() : DecodeQueryComponent(item.substr(eq + 1));
      request_.query.emplace(DecodeQueryComponent(item.substr(0, eq)), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return true;
}

bool RequestParser::ParseHeader(std::string_view line) {
  if (IsBlank(line.front())) {
    return Fail(Code::kInvalidArgument, "vervolgregels (obs-fold) zijn niet toegestaan");
  }
  std::string_view raw_name, value;
  if (!SplitField(line, raw_name, value)) return Fail(Code::kInvalidArgument, "ongeldige header");
  if (++headers_ > limits_.max_headers) {
    return Fail(Code::kTooLarge, kTooManyHeaders);
  }

  std::string name(raw_name.size(), '\0');
  for (size_t i = 0; i < raw_name.size(); ++i) name[i] = Lower(raw_name[i]);

  if (name == "content-length" && !ParseContentLength(value)) return false;
  if (name == "host") {
    if (host_seen_) return Fail(Code::kInvalidArgument, "meer dan een Host-header");
    host_seen_ = true;
  }
  if (name == "transfer-encoding") {
    // Every Transfer-Encoding line counts: together they name the codings in order.
    auto [it, added] = request_.headers.emplace(std::move(name), value);
    if (!added) it->second.append(", ").append(value.data(), value.size());
    return true;
  }

  // A field the service reads as one value may come once: two of them are ambiguous, and a
  // proxy in front may have read the other one. Any other field's lines are joined with
  // commas, as RFC 9110 (5.3) reads them.
  auto [it, added] = request_.headers.emplace(std::move(name), value);
  if (!added) {
    if (IsSingleton(it->first)) {
      return Fail(Code::kInvalidArgument,
                  "meer dan een " + std::string(raw_name) + "-header");
    }
    it->second.append(", ").append(value.data(), value.size());
  }
  return true;
}

bool RequestParser::ParseContentLength(std::string_view value) {
  if (value.empty()) return Fail(Code::kInvalidArgument, "Content-Length is leeg");
  uint64_t length = 0;
  for (char c : value) {
    if (c < '0' || c > '9') {
      return Fail(Code::kInvalidArgument, "Content-Length moet uit cijfers bestaan");
    }
    const auto digit = static_cast<uint64_t>(c - '0');
    if (length > (UINT64_MAX - digit) / 10) {
      return Fail(Code::kTooLarge, kBodyTooLarge);
    }
    length = length * 10 + digit;
  }
  if (has_length_ && length != length_) {
    return Fail(Code::kInvalidArgument, "tegenstrijdige Content-Length-headers");
  }
  has_length_ = true;
  length_ = length;
  return true;
}

// An Expect other than 100-continue is ignored rather than answered with 417, which RFC 9110
// allows.
bool RequestParser::EndOfHeaders() {
  // RFC 9112, 3.2: a server must refuse an HTTP/1.1 request without Host. HTTP/1.0 had none.
  if (!http10_ && !host_seen_) return Fail(Code::kInvalidArgument, "geen Host-header");

  auto te = request_.headers.find("transfer-encoding");
  if (te != request_.headers.end()) {
    if (has_length_) {
      return Fail(Code::kInvalidArgument, "Content-Length en Transfer-Encoding samen");
    }
    int codings = 0;
    bool only_chunked = true;
    ForEachItem(te->second, [&](std::string_view item) {
      ++codings;
      only_chunked = only_chunked && EqualsIgnoringCase(item, "chunked");
    });
    if (codings != 1 || !only_chunked) {
      return Fail(Code::kInvalidArgument, "alleen de transfer-coding chunked wordt ondersteund");
    }
    chunked_ = true;
  }

  bool close = false;
  bool keep = false;
  auto connection = request_.headers.find("connection");
  if (connection != request_.headers.end()) {
    ForEachItem(connection->second, [&](std::string_view item) {
      close = close || EqualsIgnoringCase(item, "close");
      keep = keep || EqualsIgnoringCase(item, "keep-alive");
    });
  }
  keep_alive_ = !close && (!http10_ || keep);

  // HTTP/1.0 has no interim answers (RFC 9110, 10.1.1): there the expectation is ignored.
  auto expect = request_.headers.find("expect");
  continue_due_ = !http10_ && expect != request_.headers.end() &&
                  EqualsIgnoringCase(expect->second, "100-continue") &&
                  (chunked_ || (has_length_ && length_ > 0));

  if (chunked_) {
    state_ = State::kChunkSize;
  } else if (has_length_ && length_ > 0) {
    if (length_ > limits_.max_body_bytes) {
      return Fail(Code::kTooLarge, kBodyTooLarge);
    }
    request_.body.reserve(static_cast<size_t>(length_));
    state_ = State::kBody;
  } else {
    state_ = State::kDone;
  }
  return true;
}

bool RequestParser::ParseChunkSize(std::string_view line) {
  size_t i = 0;
  uint64_t size = 0;
  for (; i < line.size() && HexValue(line[i]) >= 0; ++i) {
    if (i >= 15) return Fail(Code::kTooLarge, kBodyTooLarge);
    size = size * 16 + static_cast<uint64_t>(HexValue(line[i]));
  }
  if (i == 0) return Fail(Code::kInvalidArgument, "ongeldige chunk-grootte");

  // What follows the size may only be chunk extensions, which mean nothing to us.
  std::string_view rest = Trim(line.substr(i));
  if (!rest.empty() && rest.front() != ';') {
    return Fail(Code::kInvalidArgument, "ongeldige chunk-grootte");
  }
  if (!IsValidValue(rest)) return Fail(Code::kInvalidArgument, "ongeldige chunk-extensie");

  if (size > limits_.max_body_bytes - request_.body.size()) {
    return Fail(Code::kTooLarge, kBodyTooLarge);
  }
  length_ = size;
  state_ = size == 0 ? State::kTrailers : State::kChunkData;
  return true;
}

bool RequestParser::ReadBody() {
  const size_t available = buffer_.size() - pos_;
  const size_t take = length_ < available ? static_cast<size_t>(length_) : available;
  request_.body.append(buffer_, pos_, take);
  pos_ += take;
  length_ -= take;
  if (length_ > 0) return false;

  state_ = state_ == State::kBody ? State::kDone : State::kChunkEnd;
  return true;
}

bool RequestParser::Fail(Code code, const std::string& reason) {
  state_ = State::kFailed;
  if (code == Code::kTooLarge) {
    error_ = Status(code, reason);
  } else {
    error_ = Status::Invalid("Het HTTP-verzoek is onleesbaar" +
                             (reason.empty() ? std::string(".") : ": " + reason + "."));
  }
  return false;
}

bool RequestParser::TakeContinue() {
  const bool due = continue_due_ && (state_ == State::kBody || state_ == State::kChunkSize) &&
                   pos_ == buffer_.size() && request_.body.empty();
  continue_due_ = false;
  return due;
}

void RequestParser::StartRequest() {
  request_ = Request();
  target_ = "/";
  state_ = State::kRequestLine;
  head_bytes_ = 0;
  headers_ = 0;
  has_length_ = false;
  length_ = 0;
  chunked_ = false;
  host_seen_ = false;
  continue_due_ = false;
  keep_alive_ = true;
  head_ = false;
  http10_ = false;
}

// Consumed bytes are dropped, without moving the rest when little was consumed.
void RequestParser::Compact() {
  if (pos_ == buffer_.size()) {
    if (buffer_.capacity() > kKeptCapacity) {
      std::string().swap(buffer_);
    } else {
      buffer_.clear();
    }
    pos_ = 0;
  } else if (pos_ >= 4096 && pos_ * 2 >= buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
}

}  // namespace vc::http
