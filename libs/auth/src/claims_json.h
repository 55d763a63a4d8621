// Reading and checking the claims of a verified token from its payload JSON.
#pragma once

#include <string_view>

#include "vc/auth/token.h"
#include "vc/core/result.h"

namespace vc::auth {

// True for a CBS municipality code: exactly four ASCII digits ("0363").
bool IsGemeenteCode(std::string_view text);

// The claims in payload (a JSON object), with the types of token.h enforced: client_id (or
// iss) a non-empty string, iat a non-negative integer, exp if present likewise, gemeente a
// gemeente code, scopes an array of strings (absent: none), user_id a string. Times are not
// checked here. Failures are refusals (kUnauthenticated, logged with client_id).
Result<Claims> ClaimsFromJson(std::string_view payload, std::string_view client_id);

}  // namespace vc::auth
