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

wh::http_request RequestOf(const Call& call) {
  wh::http_request request(call.method);
  request.set_request_uri(call.target);
  for (const auto& [name, value] : call.headers) request.headers().add(name, value);
  if (!call.bearer.empty()) request.headers().add("Authorization", "Bearer " + call.bearer);
  if (!call.request_id.empty()) request.headers().add("X-Request-ID", call.request_id);
  if (!call.body.empty() || call.method == "POST" || call.method == "PATCH") {
    request.set_body(call.body, call.content_type);
  }
  return request;
}

Reply ReplyOf(const wh::http_response& response, const std::vector<unsigned char>& bytes) {
  Reply reply;
  reply.status = response.status_code();
  for (const auto& [name, value] : response.headers()) reply.headers[Lower(name)] = value;
  reply.body.assign(bytes.begin(), bytes.end());
  return reply;
}

Status Failed(const std::exception& e) {
  return Status(Code::kUnavailable, std::string("HTTP call failed: ") + e.what());
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
    wh::http_response response = http_->request(RequestOf(call)).get();
    return ReplyOf(response, response.extract_vector().get());
  } catch (const std::exception& e) {
    return Failed(e);
  }
}

void Client::SendAsync(const Call& call, std::function<void(Result<Reply>)> done) const {
  const int attempts = Idempotent(call.method) ? retries_ + 1 : 1;
  Attempt(std::make_shared<const Call>(call), attempts, std::move(done));
}

void Client::Attempt(std::shared_ptr<const Call> call, int left,
                     std::function<void(Result<Reply>)> done) const {
  pplx::task<Reply> answered;
  try {
    answered = http_->request(RequestOf(*call)).then([](wh::http_response response) {
      return response.extract_vector().then(
          [response](std::vector<unsigned char> bytes) { return ReplyOf(response, bytes); });
    });
  } catch (...) {  // a request that could not even be made: a failed attempt like the others
    answered = pplx::task_from_exception<Reply>(std::current_exception());
  }

  // A task-based continuation: it sees the failure of any step above as an exception.
  answered.then([this, call, left, done](pplx::task<Reply> finished) {
    Result<Reply> result = Status(Code::kUnavailable, "no attempt made");
    try {
      result = finished.get();
    } catch (const std::exception& e) {
      result = Failed(e);
    }
    if (!result.ok() && left > 1) return Attempt(call, left - 1, done);
    done(std::move(result));
  });
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
