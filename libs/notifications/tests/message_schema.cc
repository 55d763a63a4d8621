#include "message_schema.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>

#include "vc/testing/support.h"

namespace vc::notifications::testing {

SchemaCheck CheckAgainstOpenNotificaties(const std::vector<std::string>& bodies) {
  SchemaCheck check;
  const std::string standard =
      vc::testing::SourcePath("../shared/standards/open-notificaties-openapi.yaml");
  if (!std::ifstream(standard).good()) {
    check.why = standard + " is absent";
    return check;
  }
  vc::testing::TempDir dir;
  const std::string file = dir.File("berichten.json");
  {
    std::ofstream out(file);
    out << "[";
    for (size_t i = 0; i < bodies.size(); ++i) out << (i ? "," : "") << bodies[i];
    out << "]";
  }
  const std::string command =
      "python3 " + vc::testing::SourcePath("libs/notifications/tests/validate_messages.py") + " " +
      standard + " " + file;
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 77) {
    check.why = "python3 lacks yaml or jsonschema";
    return check;
  }
  check.ran = true;
  check.valid = code == 0;
  return check;
}

}  // namespace vc::notifications::testing
