// One POST of a notification body to a callback url, as the dispatcher and the subscription
// check both make it. Internal to vc_notifications.
//
// A Sender belongs to one origin (scheme, host, port). For plain http it keeps its TCP
// connections open between posts (HTTP/1.1 keep-alive), so that a steady stream of
// notifications to one receiver costs one write and one read per message instead of a
// connection and cpprestsdk's task machinery each; for https it posts through cpprestsdk.
//
// Thread-safe: Post may be called from several threads at once; each call uses a connection
// of its own (taken from the idle ones, or a new one).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>

namespace vc::notifications {

struct PostOutcome {
  int http_status = 0;  // 0: no answer
  std::string error;    // empty: a 2xx answer
};

// "http://host:port/path?q" -> {"http://host:port", "/path?q"}.
std::pair<std::string, std::string> SplitUrl(const std::string& url);

class Sender {
 public:
  virtual ~Sender() = default;
  // Posts body as application/json to target (path and query) with the Authorization value
  // auth (none when empty); the whole exchange is bounded by the sender's timeout.
  virtual PostOutcome Post(const std::string& target, const std::string& auth,
                           const std::string& body) = 0;
};

// A sender for base ("http://host[:port]" or "https://..."), or null when the url is unusable.
std::unique_ptr<Sender> MakeSender(const std::string& base, std::chrono::milliseconds timeout);

}  // namespace vc::notifications
