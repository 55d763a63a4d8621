#include "response_writer.h"

#include <string_view>

namespace vc::http {
namespace {

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

// RFC 9110: no Content-Length, and no body, on 1xx, 204 and 304.
bool HasNoContent(int status) { return status < 200 || status == 204 || status == 304; }

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string SerializeResponse(const Response& r, const Framing& framing) {
  const bool no_content = HasNoContent(r.status);
  const bool body = !no_content && !framing.head;

  size_t size = 64 + r.content_type.size() + (body ? r.body.size() : 0);
  for (const auto& [name, value] : r.headers) size += name.size() + value.size() + 4;
  std::string out;
  out.reserve(size);

  out.append(framing.http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  out.append(std::to_string(r.status)).append(" ").append(ReasonPhrase(r.status)).append("\r\n");
  for (const auto& [name, value] : r.headers) AppendHeader(out, name, value);
  if (!r.content_type.empty()) AppendHeader(out, "Content-Type", r.content_type);
  if (framing.close) {
    AppendHeader(out, "Connection", "close");
  } else if (framing.http10 && framing.keep_alive) {
    AppendHeader(out, "Connection", "keep-alive");
  }
  if (!no_content) AppendHeader(out, "Content-Length", std::to_string(r.body.size()));
  out.append("\r\n");

  if (body) out.append(r.body);
  return out;
}

}  // namespace vc::http
