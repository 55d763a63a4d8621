// A strict, incremental HTTP/1.1 request parser for one connection. Bytes go in as they arrive,
// in pieces of any size; complete requests come out one at a time, and the bytes after a
// request stay buffered for the next one, so pipelined requests are parsed in order.
//
// Strict means: CRLF line ends only (a bare LF or CR is refused), no whitespace before a
// header's colon, no obs-fold continuation lines, a Content-Length of digits only (repeated
// only with the same value), no Content-Length beside Transfer-Encoding, chunked as the only
// transfer coding, and no second Host, Authorization, Content-Type, Origin, traceparent or
// X-Request-ID; other repeated fields are joined with commas. Every refusal is a Status:
// kInvalidArgument (400) or kTooLarge (413).
//
// Not thread-safe: one connection's parser is used by one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "vc/core/status.h"
#include "vc/http/message.h"

namespace vc::http {

struct ParserLimits {
  size_t max_head_bytes = 32 * 1024;  // request line and headers together; trailers too
  size_t max_headers = 100;
  size_t max_body_bytes = 1 << 20;  // after chunked decoding
};

class RequestParser {
 public:
  enum class Result {
    kIncomplete,  // more bytes are needed
    kRequest,     // a request is complete: TakeRequest()
    kError,       // the input is not acceptable HTTP: error(); the parser stays failed
  };

  explicit RequestParser(ParserLimits limits);

  void Feed(std::string_view bytes);

  // Parses as far as the buffered bytes allow; after kRequest, call again for the next one.
  Result Next();

  // The request that Next() completed, moved out. keep_alive() and head() describe it.
  Request TakeRequest();
  bool keep_alive() const { return keep_alive_; }
  bool head() const { return head_; }

  // True once per request, when its headers asked for a 100 Continue (an HTTP/1.1 request
  // with a body and Expect: 100-continue) and none of its body has come yet: the client
  // waits for that interim answer before it sends the body.
  bool TakeContinue();
  bool http10() const { return http10_; }

  const Status& error() const { return error_; }

  // The request target read so far (for the problem's instance), "/" before one was read.
  const std::string& target() const { return target_; }

  // True when no byte of a next request has arrived (between requests).
  bool idle() const { return state_ == State::kRequestLine && pos_ == buffer_.size(); }
  bool reading_body() const;
  size_t buffered() const { return buffer_.size() - pos_; }

 private:
  enum class State {
    kRequestLine,
    kHeaders,
    kBody,       // Content-Length bytes
    kChunkSize,  // a chunk-size line
    kChunkData,  // the chunk's bytes
    kChunkEnd,   // the CRLF after them
    kTrailers,   // trailer lines after the last chunk, ignored
    kDone,
    kFailed,
  };

  // One step of the state machine: false when it needs more bytes, or failed.
  bool Step();
  bool ReadLine(std::string_view& line, size_t max_bytes);
  bool ParseRequestLine(std::string_view line);
  bool ParseTarget(std::string_view target);
  bool ParseHeader(std::string_view line);
  bool ParseContentLength(std::string_view value);
  bool EndOfHeaders();
  bool ParseChunkSize(std::string_view line);
  bool ReadBody();
  bool Fail(Code code, const std::string& reason);
  void StartRequest();
  void Compact();

  ParserLimits limits_;
  std::string buffer_;
  size_t pos_ = 0;      // the first unconsumed byte of buffer_
  size_t scanned_ = 0;  // bytes after pos_ known to hold no LF
  State state_ = State::kRequestLine;
  Status error_;

  Request request_;
  std::string target_ = "/";
  size_t head_bytes_ = 0;
  size_t headers_ = 0;
  bool has_length_ = false;
  uint64_t length_ = 0;  // Content-Length, or what is left of the current chunk
  bool chunked_ = false;
  bool host_seen_ = false;
  bool continue_due_ = false;
  bool keep_alive_ = true;
  bool head_ = false;
  bool http10_ = false;
};

// Percent-decoding of a query component; '+' is a space. Malformed escapes stay as they are.
std::string DecodeQueryComponent(std::string_view text);

}  // namespace vc::http
