// Turns a finished Response into the bytes of one HTTP/1.x answer: status line, the
// response's own headers in their order, Content-Type, Connection, Content-Length, the body.
// These are all the headers an answer carries; Pistache added no Date or Server either.
#pragma once

#include <string>

#include "vc/http/message.h"

namespace vc::http {

struct Framing {
  bool http10 = false;      // answer as HTTP/1.0 (the request was HTTP/1.0)
  bool close = false;       // "Connection: close": the connection closes after this answer
  bool keep_alive = false;  // an HTTP/1.0 request asked to keep the connection: say yes
  bool head = false;        // the answer to HEAD: headers only, no body
};

std::string SerializeResponse(const Response& response, const Framing& framing);

}  // namespace vc::http
