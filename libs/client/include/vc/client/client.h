// An HTTP client for calls between services and for integration tests, over cpprestsdk.
// Each call has a timeout; idempotent requests (GET, PUT, DELETE) are retried on network
// failure, with the caller's request id forwarded in X-Request-ID.
//
// Thread-safe: a Client may be shared; each call is independent.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "vc/core/result.h"

namespace web::http::client {
class http_client;
}

namespace vc::client {

struct Reply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case

  const std::string* Header(const std::string& lower_name) const;
};

struct Call {
  std::string method = "GET";
  std::string target;  // path and query, already percent-encoded
  std::string body;
  std::string content_type = "application/json";
  std::string bearer;      // token without "Bearer "
  std::string request_id;  // forwarded when set
  std::vector<std::pair<std::string, std::string>> headers;
};

class Client {
 public:
  explicit Client(const std::string& base_url,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10), int retries = 2);
  ~Client();

  // kUnavailable when no answer came (connection refused, reset, timeout) after the retries.
  Result<Reply> Send(const Call& call) const;

  // The same without waiting: done gets what Send would return, on one of cpprestsdk's
  // threads, never the caller's, so a server thread can hand a slow peer's answer on instead
  // of waiting for it. Retries follow at once, without Send's pause. The Client must outlive
  // the call; done must not throw, and should do no OpenSSL work (ids, tokens): OpenSSL's
  // per-thread state on those threads is never freed, which LeakSanitizer reports.
  void SendAsync(const Call& call, std::function<void(Result<Reply>)> done) const;

  Result<Reply> Get(const std::string& target, const std::string& bearer = "") const;
  Result<Reply> Post(const std::string& target, const std::string& body,
                     const std::string& bearer = "") const;
  Result<Reply> Patch(const std::string& target, const std::string& body,
                      const std::string& bearer = "") const;
  Result<Reply> Delete(const std::string& target, const std::string& bearer = "") const;

 private:
  Result<Reply> SendOnce(const Call& call) const;
  void Attempt(std::shared_ptr<const Call> call, int left,
               std::function<void(Result<Reply>)> done) const;

  std::unique_ptr<web::http::client::http_client> http_;
  int retries_;
};

}  // namespace vc::client
