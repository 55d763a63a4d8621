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

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Writes the two hex digits of each byte at out; the string is sized first, since a digit
// at a time through push_back cost more than the digest it encoded (profile of the read path).
void WriteHex(const unsigned char* data, size_t size, char* out) {
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHexDigits[data[i] >> 4];
    out[2 * i + 1] = kHexDigits[data[i] & 0x0F];
  }
}

}  // namespace

std::string Hex(const unsigned char* data, size_t size) {
  std::string out(2 * size, '0');
  WriteHex(data, size, out.data());
  return out;
}

std::string RandomHex(size_t size) {
  unsigned char bytes[64];
  std::string out(2 * size, '0');
  for (size_t done = 0; done < size;) {
    const size_t n = std::min(size - done, sizeof bytes);
    SecureRandom(bytes, n);
    WriteHex(bytes, n, out.data() + 2 * done);
    done += n;
  }
  return out;
}

std::string NewUuid() {
  std::array<uint8_t, 16> bytes{};
  SecureRandom(bytes.data(), bytes.size());
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant

  // The groups of 4, 2, 2, 2 and 6 bytes, each written after its '-'.
  std::string out = "00000000-0000-0000-0000-000000000000";
  WriteHex(bytes.data(), 4, out.data());
  WriteHex(bytes.data() + 4, 2, out.data() + 9);
  WriteHex(bytes.data() + 6, 2, out.data() + 14);
  WriteHex(bytes.data() + 8, 2, out.data() + 19);
  WriteHex(bytes.data() + 10, 6, out.data() + 24);
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
