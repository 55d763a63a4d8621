#include "post.h"

namespace vc::notifications {

std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) return {url, "/"};
  return {url.substr(0, path), url.substr(path)};
}

std::shared_ptr<client::Client> MakeClient(const std::string& base,
                                           std::chrono::milliseconds timeout) {
  try {
    return std::make_shared<client::Client>(base, timeout, 0);
  } catch (const std::exception&) {
    return nullptr;
  }
}

PostOutcome PostBody(const client::Client& http, const std::string& target,
                     const std::string& auth, const std::string& body) {
  client::Call call;
  call.method = "POST";
  call.target = target;
  call.body = body;
  if (!auth.empty()) call.headers.push_back({"Authorization", auth});
  Result<client::Reply> reply = http.Send(call);
  if (!reply.ok()) return {0, reply.status().message()};
  if (reply->status < 200 || reply->status > 299) {
    return {reply->status, "HTTP " + std::to_string(reply->status)};
  }
  return {reply->status, ""};
}

}  // namespace vc::notifications
