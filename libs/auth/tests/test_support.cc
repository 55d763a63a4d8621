#include "test_support.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <stdexcept>

namespace vc::auth::testing {

std::string Base64Url(std::string_view bytes) {
  std::string standard(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(standard.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  standard.resize(static_cast<size_t>(n));

  std::string url;
  for (char c : standard) {
    if (c == '=') break;
    url.push_back(c == '+' ? '-' : c == '/' ? '_' : c);
  }
  return url;
}

std::string Base64UrlDecode(std::string_view text) {
  std::string standard;
  for (char c : text) standard.push_back(c == '-' ? '+' : c == '_' ? '/' : c);
  size_t pad = (4 - standard.size() % 4) % 4;
  standard.append(pad, '=');

  std::string bytes(standard.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                          reinterpret_cast<const unsigned char*>(standard.data()),
                          static_cast<int>(standard.size()));
  if (n < 0) throw std::runtime_error("not base64url");
  bytes.resize(static_cast<size_t>(n) - pad);
  return bytes;
}

std::string SignedToken(std::string_view header_json, std::string_view payload_json,
                        std::string_view secret, Digest digest) {
  std::string input = Base64Url(header_json) + "." + Base64Url(payload_json);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  const EVP_MD* md = digest == Digest::kSha256 ? EVP_sha256() : EVP_sha384();
  if (HMAC(md, secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac.data(),
           &mac_len) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  return input + "." + Base64Url({reinterpret_cast<const char*>(mac.data()), mac_len});
}

std::string UnsignedToken(std::string_view header_json, std::string_view payload_json,
                          std::string_view signature) {
  return Base64Url(header_json) + "." + Base64Url(payload_json) + "." + std::string(signature);
}

std::string PayloadOf(std::string_view token) {
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    throw std::runtime_error("not a compact token");
  }
  return Base64UrlDecode(token.substr(first + 1, second - first - 1));
}

}  // namespace vc::auth::testing
