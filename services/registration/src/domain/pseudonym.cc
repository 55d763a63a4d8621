#include "domain/pseudonym.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

#include "vc/core/uuid.h"

namespace vc::registration {
namespace {

using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

void Check(int ok) {
  if (ok != 1) throw std::runtime_error("OpenSSL digest failed");
}

// HMAC-SHA256 (RFC 2104) with the keyed inner and outer states computed once per key and
// thread: every pseudonym is then two copies and two short digests. OpenSSL's one-shot HMAC()
// looks the algorithm up again on every call, which showed in profiles of the read path.
class KeyedHmac {
 public:
  explicit KeyedHmac(const std::string& key)
      : key_(key),
        inner_(EVP_MD_CTX_new(), EVP_MD_CTX_free),
        outer_(EVP_MD_CTX_new(), EVP_MD_CTX_free),
        work_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
    unsigned char block[64] = {};
    if (key.size() > sizeof block) {
      unsigned int n = 0;
      Check(EVP_Digest(key.data(), key.size(), block, &n, EVP_sha256(), nullptr));
    } else {
      std::copy(key.begin(), key.end(), block);
    }
    unsigned char ipad[64], opad[64];
    for (size_t i = 0; i < sizeof block; ++i) {
      ipad[i] = block[i] ^ 0x36;
      opad[i] = block[i] ^ 0x5c;
    }
    Check(EVP_DigestInit_ex(inner_.get(), EVP_sha256(), nullptr));
    Check(EVP_DigestUpdate(inner_.get(), ipad, sizeof ipad));
    Check(EVP_DigestInit_ex(outer_.get(), EVP_sha256(), nullptr));
    Check(EVP_DigestUpdate(outer_.get(), opad, sizeof opad));
  }

  const std::string& key() const { return key_; }

  std::string Of(const std::string& message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    Check(EVP_MD_CTX_copy_ex(work_.get(), inner_.get()));
    Check(EVP_DigestUpdate(work_.get(), message.data(), message.size()));
    Check(EVP_DigestFinal_ex(work_.get(), digest, &length));
    Check(EVP_MD_CTX_copy_ex(work_.get(), outer_.get()));
    Check(EVP_DigestUpdate(work_.get(), digest, length));
    Check(EVP_DigestFinal_ex(work_.get(), digest, &length));
    return Hex(digest, length);
  }

 private:
  std::string key_;
  MdContext inner_, outer_, work_;
};

}  // namespace

std::string Pseudonym(const std::string& key, const std::string& kind, const std::string& id) {
  thread_local std::unique_ptr<KeyedHmac> hmac;
  if (!hmac || hmac->key() != key) hmac = std::make_unique<KeyedHmac>(key);
  return hmac->Of(kind + ":" + id);
}

std::string NewPseudonymKey() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  return Hex(bytes, sizeof bytes);
}

}  // namespace vc::registration
