// Pseudonyms for data subjects in the processing log: HMAC-SHA256 over the subject's kind and
// id with a key that stays in this service, as 64 hex characters. The same person always gets
// the same pseudonym, and without the key it cannot be traced back.
#pragma once

#include <string>

namespace vc::registration {

std::string Pseudonym(const std::string& key, const std::string& kind, const std::string& id);

// 32 random bytes as 64 hex characters, for a new key.
std::string NewPseudonymKey();

}  // namespace vc::registration
