#include "connection.h"

namespace vc::http {

Connection::Connection(ParserLimits limits, Timeouts timeouts, Clock::time_point now)
    : parser_(limits),
      timeouts_(timeouts),
      max_buffered_(limits.max_head_bytes + limits.max_body_bytes),
      request_start_(now),
      idle_since_(now) {}

void Connection::Receive(std::string_view bytes, Clock::time_point now) {
  if (phase_ == Phase::kClosing || overflow_) return;

  if (phase_ == Phase::kReading) {
    if (parser_.idle()) request_start_ = now;
    parser_.Feed(bytes);
    return;
  }

  // Pipelined bytes wait behind the request in progress, but not without bound: beyond one
  // whole request they can only be an abuse, which ends the connection after that answer.
  if (parser_.buffered() + bytes.size() > max_buffered_) {
    overflow_ = true;
    overflow_error_ = Status(Code::kTooLarge, "Er wachten meer verzoeken dan is toegestaan.");
    return;
  }
  parser_.Feed(bytes);
}

RequestParser::Result Connection::Parse() {
  if (phase_ != Phase::kReading) return RequestParser::Result::kIncomplete;

  const RequestParser::Result result = overflow_ ? RequestParser::Result::kError : parser_.Next();
  if (result == RequestParser::Result::kRequest) phase_ = Phase::kDispatching;
  return result;
}

const Status& Connection::error() const { return overflow_ ? overflow_error_ : parser_.error(); }

void Connection::Answered(bool close, Clock::time_point now) {
  if (close) {
    Close(now);
  } else if (phase_ == Phase::kDispatching) {
    phase_ = Phase::kWriting;
  }
}

void Connection::Written(Clock::time_point now) {
  if (phase_ != Phase::kWriting) return;
  phase_ = Phase::kReading;
  answered_any_ = true;
  idle_since_ = now;
  // Bytes of the next request may have come while this one was served: its time starts now.
  request_start_ = now;
}

void Connection::Close(Clock::time_point now) {
  if (phase_ == Phase::kClosing) return;
  phase_ = Phase::kClosing;
  idle_since_ = now;
}

Connection::Expiry Connection::Due(Clock::time_point now) const {
  if (shut_) return Expiry::kNone;

  switch (phase_) {
    case Phase::kDispatching:
    case Phase::kWriting:
      return Expiry::kNone;  // the server is busy, not the client
    case Phase::kClosing:
      return now - idle_since_ > timeouts_.idle ? Expiry::kClose : Expiry::kNone;
    case Phase::kReading:
      break;
  }

  if (parser_.idle() && answered_any_) {
    return now - idle_since_ > timeouts_.idle ? Expiry::kClose : Expiry::kNone;
  }
  // A new connection must send its first request within the header timeout, as it had to
  // under Pistache.
  const auto limit = parser_.reading_body() ? timeouts_.body : timeouts_.header;
  return now - request_start_ > limit ? Expiry::kTimeout : Expiry::kNone;
}

}  // namespace vc::http
