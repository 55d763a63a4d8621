#include "refusal.h"

#include "vc/log/log.h"

namespace vc::auth {

Status Refuse(std::string_view reason, const char* message, std::string_view client_id) {
  log::Warn("auth.token_refused", {{"reason", reason}, {"client_id", client_id}});
  return Status(Code::kUnauthenticated, message);
}

}  // namespace vc::auth
