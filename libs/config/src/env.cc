#include "vc/config/env.h"

#include <cstdlib>

namespace vc::config {

Env::Env(Lookup lookup) : lookup_(std::move(lookup)) {}

const char* Env::Get(const char* name) const { return lookup_ ? lookup_(name) : std::getenv(name); }

std::string Env::String(const char* name, const std::string& fallback) {
  const char* v = Get(name);
  return v ? std::string(v) : fallback;
}

int64_t Env::Integer(const char* name, int64_t fallback, int64_t min, int64_t max) {
  const char* v = Get(name);
  if (!v) return fallback;

  char* end = nullptr;
  errno = 0;
  long long parsed = std::strtoll(v, &end, 10);
  if (*v == '\0' || *end != '\0' || errno == ERANGE || parsed < min || parsed > max) {
    problems_.push_back(std::string(name) + ": '" + v + "' is not an integer from " +
                        std::to_string(min) + " to " + std::to_string(max));
    return fallback;
  }
  return parsed;
}

void Env::Invalid(const char* name, const std::string& reason) {
  problems_.push_back(std::string(name) + ": " + reason);
}

bool Env::Flag(const char* name, bool fallback) {
  const char* v = Get(name);
  if (!v) return fallback;

  std::string s(v);
  if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
  if (s == "0" || s == "false" || s == "no" || s == "off") return false;
  problems_.push_back(std::string(name) + ": '" + s + "' is not one of true, false, 1, 0");
  return fallback;
}

std::string Env::Choice(const char* name, const std::string& fallback,
                        const std::vector<std::string>& allowed) {
  const char* v = Get(name);
  if (!v) return fallback;

  for (const std::string& a : allowed) {
    if (a == v) return a;
  }
  std::string list;
  for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
  problems_.push_back(std::string(name) + ": '" + v + "' is not one of " + list);
  return fallback;
}

Status Env::Check() const {
  if (problems_.empty()) return Status::Ok();
  return Status(Code::kInvalidArgument, problems_.front());
}

}  // namespace vc::config
