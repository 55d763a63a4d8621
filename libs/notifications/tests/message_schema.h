// Checks notification bodies against the Message schema of the Open Notificaties OpenAPI
// document (../shared/standards/open-notificaties-openapi.yaml next to the checkout), with
// validate_messages.py, for the tests of every producing service.
#pragma once

#include <string>
#include <vector>

namespace vc::notifications::testing {

struct SchemaCheck {
  bool ran = false;    // false: skipped, see why
  bool valid = false;  // every body validated
  std::string why;     // why it was skipped
};

// bodies are JSON objects as delivered. Skips (ran false) when the standard's document is
// absent or python3 lacks yaml or jsonschema.
SchemaCheck CheckAgainstOpenNotificaties(const std::vector<std::string>& bodies);

}  // namespace vc::notifications::testing
