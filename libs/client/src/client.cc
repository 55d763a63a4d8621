#include "vc/client/client.h"

#include <cpprest/http_client.h>

#include <thread>

namespace vc::client {
namespace {

namespace wh = web::http;

bool Idempotent(const std::string& method) {
  return method == "GET" || method == "PUT" || method == "DELETE" || method == "HEAD";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const std::string* Reply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? nullptr : &it->second;
}

Client::Client(const std::string& base_url, std::chrono::milliseconds timeout, int retries)
    : retries_(retries) {
  wh::client::http_client_config config;
  config.set_timeout(timeout);
  http_ = std::make_unique<wh::client::http_client>(base_url, config);
}

Client::~Client() = default;

Result<Reply> Client::Send(const Call& call) const {
  const int attempts = Idempotent(call.method) ? retries_ + 1 : 1;
  Result<Reply> last = Status(Code::kUnavailable, "no attempt made");
  for (int i = 0; i < attempts; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50 << i));
    last = SendOnce(call);
    if (last.ok()) return last;
  }
  return last;
}

Result<Reply> Client::SendOnce(const Call& call) const {
  try {
    wh::http_request request(call.method);
    request.set_request_uri(call.target);
    for (const auto& [name, value] : call.headers) request.headers().add(name, value);
    if (!call.bearer.empty()) request.headers().add("Authorization", "Bearer " + call.bearer);
    if (!call.request_id.empty()) request.headers().add("X-Request-ID", call.request_id);
    if (!call.body.empty() || call.method == "POST" || call.method == "PATCH") {
      request.set_body(call.body, call.content_type);
    }

    wh::http_response response = http_->request(request).get();
    Reply reply;
    reply.status = response.status_code();
    for (const auto& [name, value] : response.headers()) reply.headers[Lower(name)] = value;
    auto bytes = response.extract_vector().get();
    reply.body.assign(bytes.begin(), bytes.end());
    return reply;
  } catch (const std::exception& e) {
    return Status(Code::kUnavailable, std::string("HTTP call failed: ") + e.what());
  }
}

Result<Reply> Client::Get(const std::string& target, const std::string& bearer) const {
  return Send({"GET", target, "", "application/json", bearer, "", {}});
}

Result<Reply> Client::Post(const std::string& target, const std::string& body,
                           const std::string& bearer) const {
  return Send({"POST", target, body, "application/json", bearer, "", {}});
}

Result<Reply> Client::Patch(const std::string& target, const std::string& body,
                            const std::string& bearer) const {
  return Send({"PATCH", target, body, "application/json", bearer, "", {}});
}

Result<Reply> Client::Delete(const std::string& target, const std::string& bearer) const {
  return Send({"DELETE", target, "", "application/json", bearer, "", {}});
}

}  // namespace vc::client
