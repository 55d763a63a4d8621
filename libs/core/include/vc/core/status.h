// The project's error vocabulary: every fallible operation returns a Status or a Result<T>.
// A Status maps to exactly one HTTP problem (libs/http/src/problem.cc); the internal detail
// is logged, the public message is what a client may see.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace vc {

enum class Code {
  kOk,
  kInvalidArgument,     // 400: the request is malformed or a field is invalid
  kUnauthenticated,     // 401: no or a bad token
  kPermissionDenied,    // 403: the token lacks a scope
  kNotFound,            // 404: unknown, or belongs to another tenant
  kConflict,            // 409: the resource's state forbids the change
  kFailedPrecondition,  // 422: well-formed but against a business rule
  kTooLarge,            // 413: body over the limit
  kUnsupportedMedia,    // 415: wrong Content-Type
  kNotAcceptable,       // 406: Accept excludes what we can produce
  kMethodNotAllowed,    // 405
  kRequestTimeout,      // 408: the client sent its request too slowly
  kUnavailable,         // 503: shutting down or storage busy
  kInternal,            // 500: a bug or an I/O failure; never caused by input
};

// One invalid field, as RFC 9457 invalidParams: the JSON path, a stable code, a reason.
struct FieldProblem {
  std::string name;
  std::string code;
  std::string reason;
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string message, std::vector<FieldProblem> fields = {}) {
    Status s(Code::kInvalidArgument, std::move(message));
    s.fields_ = std::move(fields);
    return s;
  }
  // Well-formed input against a business rule (422), e.g. a reference to nothing.
  static Status Unprocessable(std::string message, std::vector<FieldProblem> fields) {
    Status s(Code::kFailedPrecondition, std::move(message));
    s.fields_ = std::move(fields);
    return s;
  }
  static Status InvalidField(std::string name, std::string code, std::string reason) {
    std::string message = "Ongeldige invoer in veld '" + name + "': " + reason;
    return Invalid(std::move(message), {{std::move(name), std::move(code), std::move(reason)}});
  }
  static Status NotFound(std::string message) {
    return Status(Code::kNotFound, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(Code::kInternal, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldProblem>& fields() const { return fields_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldProblem> fields_;
};

}  // namespace vc
