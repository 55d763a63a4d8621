#include "vc/http/page.h"

#include <cctype>
#include <cstdio>

#include "vc/json/writer.h"

namespace vc::http {
namespace {

Result<int64_t> WholeNumber(const Request& req, const char* name, int64_t fallback, int64_t max) {
  std::optional<std::string> text = req.Query(name);
  if (!text) return fallback;
  // Nine digits at most, so that stoll cannot overflow.
  if (text->empty() || text->size() > 9 ||
      text->find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidField(name, "invalid-integer", "moet een positief geheel getal zijn");
  }
  const int64_t value = std::stoll(*text);
  if (value < 1 || value > max) {
    return Status::InvalidField(name, "out-of-range",
                                "moet tussen 1 en " + std::to_string(max) + " liggen");
  }
  return value;
}

void PercentEncode(const std::string& value, std::string& out) {
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
}

// The request's own url with page=n; the other parameters keep their (re-encoded) values.
std::string PageLink(const Request& req, int64_t page) {
  std::string url = req.base_url + req.path + "?";
  for (const auto& [name, value] : req.query) {
    if (name == "page") continue;
    PercentEncode(name, url);
    url += "=";
    PercentEncode(value, url);
    url += "&";
  }
  return url + "page=" + std::to_string(page);
}

}  // namespace

Result<PageRequest> PageOf(const Request& req) {
  Result<int64_t> page = WholeNumber(req, "page", 1, 1000000);
  if (!page.ok()) return page.status();
  Result<int64_t> size = WholeNumber(req, "pageSize", 20, 100);
  if (!size.ok()) return size.status();
  return PageRequest{*page, *size};
}

Status RequireExists(const PageRequest& page, int64_t count) {
  if (page.page > 1 && page.offset() >= count) {
    return Status::NotFound("Deze pagina bestaat niet.");
  }
  return Status::Ok();
}

std::string ListBody(const Request& req, int64_t count, const PageRequest& page,
                     const std::vector<std::string>& results) {
  size_t size = 512;  // the count and the two links
  for (const std::string& r : results) size += r.size() + 1;
  json::Writer w;
  w.Reserve(size);
  w.StartObject().Field("count", count).Key("next");
  if (page.page * page.page_size < count) {
    w.String(PageLink(req, page.page + 1));
  } else {
    w.Null();
  }
  w.Key("previous");
  if (page.page > 1) {
    w.String(PageLink(req, page.page - 1));
  } else {
    w.Null();
  }
  w.Key("results").StartArray();
  for (const std::string& r : results) w.Raw(r);
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace vc::http
