#include "vc/http/router.h"

#include <algorithm>

namespace vc::http {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; "/" into {}; a trailing slash yields a final "".
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path[0] != '/') return parts;
  parts.reserve(8);
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (parts.size() == 1 && parts[0].empty()) parts.clear();
  return parts;
}

}  // namespace

void Router::Add(Route route) {
  std::vector<Segment> segments;
  for (std::string_view part : Split(route.pattern)) {
    bool param = part.size() > 2 && part.front() == '{' && part.back() == '}';
    segments.push_back({std::string(param ? part.substr(1, part.size() - 2) : part), param});
  }
  compiled_.push_back(std::move(segments));
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path, Request& request) const {
  Match match;
  const std::vector<std::string_view> parts = Split(path);

  for (size_t i = 0; i < routes_.size(); ++i) {
    const std::vector<Segment>& segments = compiled_[i];
    if (segments.size() != parts.size()) continue;

    // From the last segment back: the routes of one service share their first segments and
    // differ in the later ones, so a route that does not fit is mostly told at once.
    bool fits = true;
    for (size_t s = segments.size(); s > 0 && fits; --s) {
      const Segment& segment = segments[s - 1];
      fits = segment.is_param ? !parts[s - 1].empty() : segment.text == parts[s - 1];
    }
    if (!fits) continue;

    if (routes_[i].method != method) {
      if (std::find(match.allowed.begin(), match.allowed.end(), routes_[i].method) ==
          match.allowed.end()) {
        match.allowed.push_back(routes_[i].method);
      }
      continue;
    }

    for (size_t s = 0; s < segments.size(); ++s) {
      if (segments[s].is_param) request.params[segments[s].text] = std::string(parts[s]);
    }
    match.route = &routes_[i];
    match.allowed.clear();
    return match;
  }
  return match;
}

}  // namespace vc::http
