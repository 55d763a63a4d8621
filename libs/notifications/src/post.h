// One POST of a notification body to a callback url, as the dispatcher and the subscription
// check both make it. Internal to vc_notifications.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "vc/client/client.h"

namespace vc::notifications {

struct PostOutcome {
  int http_status = 0;  // 0: no answer
  std::string error;    // empty: a 2xx answer
};

// "http://host:port/path?q" -> {"http://host:port", "/path?q"}.
std::pair<std::string, std::string> SplitUrl(const std::string& url);

// A client for the url's base, or null when cpprestsdk refuses the url.
std::shared_ptr<client::Client> MakeClient(const std::string& base,
                                           std::chrono::milliseconds timeout);

PostOutcome PostBody(const client::Client& http, const std::string& target,
                     const std::string& auth, const std::string& body);

}  // namespace vc::notifications
