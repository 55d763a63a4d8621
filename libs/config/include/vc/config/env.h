// Typed configuration from environment variables. Each getter returns the default when the
// variable is unset and records a problem when it is set to something invalid; Check() then
// reports the first problem as one line that names the variable, so start-up can stop with it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "vc/core/status.h"

namespace vc::config {

class Env {
 public:
  using Lookup = std::function<const char*(const char*)>;

  // lookup defaults to getenv; tests pass a map.
  explicit Env(Lookup lookup = {});

  std::string String(const char* name, const std::string& fallback);
  int64_t Integer(const char* name, int64_t fallback, int64_t min, int64_t max);
  bool Flag(const char* name, bool fallback);
  // One of the allowed words, e.g. synchronous mode "FULL" or "NORMAL".
  std::string Choice(const char* name, const std::string& fallback,
                     const std::vector<std::string>& allowed);

  // Records a problem that no single getter can see, such as two variables that only make
  // sense together.
  void Invalid(const char* name, const std::string& reason);

  // Ok, or kInvalidArgument with "NAME: reason" for the first bad variable.
  Status Check() const;

 private:
  const char* Get(const char* name) const;

  Lookup lookup_;
  std::vector<std::string> problems_;
};

}  // namespace vc::config
