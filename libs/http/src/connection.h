// One HTTP connection's state, without the socket: its request parser, where it is in the
// request/answer cycle, and when the client has taken too long. The Pistache glue owns one per
// peer and serialises every call with its own mutex; this class is not thread-safe.
//
// The cycle: kReading (parsing) → kDispatching (the server works on a request) → kWriting (its
// answer is queued on the socket) → kReading again, or kClosing after an answer that closes
// the connection, after a refused request or after a timeout. Bytes that arrive while a
// request is dispatched or written stay buffered and are parsed when its answer is out, so
// pipelined requests are answered one by one, in order.
#pragma once

#include <chrono>
#include <string_view>

#include "request_parser.h"

namespace vc::http {

struct Timeouts {
  std::chrono::milliseconds header{10000};  // from a request's first byte to its last header
  std::chrono::milliseconds body{30000};    // from a request's first byte to its last body byte
  std::chrono::milliseconds idle{300000};   // between requests, and after a closing answer
};

class Connection {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kReading, kDispatching, kWriting, kClosing };
  enum class Expiry {
    kNone,
    kTimeout,  // the client is too slow with its request: answer 408 and close
    kClose,    // idle too long: close without an answer
  };

  Connection(ParserLimits limits, Timeouts timeouts, Clock::time_point now);

  // Bytes from the client. Dropped while closing, and once more is buffered behind a
  // request in progress than one whole request may hold.
  void Receive(std::string_view bytes, Clock::time_point now);

  // In kReading: kRequest moves to kDispatching (then TakeRequest); after kError the caller
  // answers error() and calls Close.
  RequestParser::Result Parse();
  const RequestParser& parser() const { return parser_; }
  Request TakeRequest() { return parser_.TakeRequest(); }
  // After kIncomplete: whether the client now waits for a 100 Continue (once per request).
  bool TakeContinue() { return phase_ == Phase::kReading && parser_.TakeContinue(); }
  const Status& error() const;

  void Answered(bool close, Clock::time_point now);  // the answer is handed to the socket
  void Written(Clock::time_point now);               // that answer is out: read on
  void Close(Clock::time_point now);                 // refused or timed out: kClosing
  void Shut() { shut_ = true; }                      // the socket is shut: nothing is due

  Phase phase() const { return phase_; }
  Expiry Due(Clock::time_point now) const;

 private:
  RequestParser parser_;
  Timeouts timeouts_;
  size_t max_buffered_;
  Phase phase_ = Phase::kReading;
  Clock::time_point request_start_;  // the current request's first byte, or the connect
  Clock::time_point idle_since_;     // the last answer out, or the start of closing
  bool answered_any_ = false;
  bool overflow_ = false;
  bool shut_ = false;
  Status overflow_error_;
};

}  // namespace vc::http
