// UUIDv4 identifiers and other random ids drawn from OpenSSL's cryptographic generator.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vc {

// Fills out with bytes from OpenSSL's cryptographic generator. Each thread draws them from a
// buffer of its own, refilled 4 KiB at a time: one RAND_bytes call costs about as much as the
// rest of a small request, so taking 16 bytes per call would dominate the read path.
// Thread-safe. Limitation: a process that forks must not use the buffer in both parent and
// child (they would share bytes); the services never fork.
void SecureRandom(unsigned char* out, size_t size);

// The bytes as lower-case hex, two digits a byte.
std::string Hex(const unsigned char* data, size_t size);

// size bytes from SecureRandom as lower-case hex (2 * size digits), e.g. a trace or span id.
std::string RandomHex(size_t size);

// A new random UUID in its canonical lower-case 36-character form. Thread-safe.
std::string NewUuid();

// True when text is a canonical UUID (any version, either case).
bool IsUuid(std::string_view text);

}  // namespace vc
