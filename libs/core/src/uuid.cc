#include "vc/core/uuid.h"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace vc {

void SecureRandom(unsigned char* out, size_t size) {
  thread_local std::array<unsigned char, 4096> buffer;
  thread_local size_t used = buffer.size();
  while (size > 0) {
    if (used == buffer.size()) {
      if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
        // Without entropy no id is safe to hand out; this is not recoverable by the caller.
        throw std::runtime_error("RAND_bytes failed");
      }
      used = 0;
    }
    size_t n = std::min(size, buffer.size() - used);
    std::memcpy(out, buffer.data() + used, n);
    // Bytes handed out are wiped, so the buffer never holds a value that was already used.
    std::memset(buffer.data() + used, 0, n);
    used += n;
    out += n;
    size -= n;
  }
}

std::string NewUuid() {
  std::array<uint8_t, 16> bytes{};
  SecureRandom(bytes.data(), bytes.size());
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0F]);
  }
  return out;
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

}  // namespace vc
