#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <unordered_set>

#include "vc/auth/token.h"
#include "vc/core/uuid.h"

namespace vc::auth {
namespace {

constexpr size_t kMinSecretBytes = 32;
constexpr size_t kIdBytes = 4;       // 8 hex characters after the prefix
constexpr size_t kSecretBytes = 36;  // a multiple of 3, so base64url needs no padding

std::string_view Trim(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

// Printable ASCII without spaces: what survives a line of a file and an environment variable.
bool IsVisible(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < 0x7F; });
}

// Names an entry by position only: a malformed entry may well be a pasted secret.
std::string Where(size_t line, size_t entry) {
  return "applications line " + std::to_string(line) + " entry " + std::to_string(entry);
}

Result<Application> ParseEntry(std::string_view entry, size_t line, size_t index) {
  size_t colon = entry.find(':');
  if (colon == std::string_view::npos) {
    return Status::Invalid(Where(line, index) + ": expected client_id:secret");
  }
  std::string_view id = entry.substr(0, colon);
  std::string_view secret = entry.substr(colon + 1);
  if (id.empty() || !IsVisible(id)) {
    return Status::Invalid(Where(line, index) + ": the client_id is empty or has blanks");
  }

  std::string named = Where(line, index) + " ('" + std::string(id) + "')";
  if (!IsVisible(secret)) return Status::Invalid(named + ": the secret has blanks");
  if (secret.size() < kMinSecretBytes) {
    return Status::Invalid(named + ": the secret is shorter than 32 bytes");
  }
  return Application{std::string(id), std::string(secret)};
}

Status ParseLine(std::string_view line, size_t number, std::vector<Application>& out,
                 std::unordered_set<std::string>& seen) {
  size_t index = 0;
  while (!line.empty()) {
    size_t comma = line.find(',');
    std::string_view entry = Trim(line.substr(0, comma));
    line = comma == std::string_view::npos ? std::string_view() : line.substr(comma + 1);
    ++index;
    if (entry.empty()) continue;

    Result<Application> app = ParseEntry(entry, number, index);
    if (!app.ok()) return app.status();
    if (!seen.insert(app->client_id).second) {
      return Status::Invalid(Where(number, index) + ": client_id '" + app->client_id +
                             "' appears twice");
    }
    out.push_back(std::move(app).value());
  }
  return Status::Ok();
}

void RandomBytes(uint8_t* out, size_t size) {
  if (RAND_bytes(out, static_cast<int>(size)) != 1) {
    // A guessable secret is worse than none; the caller cannot recover from this.
    throw std::runtime_error("RAND_bytes failed");
  }
}

// Characters outside [A-Za-z0-9._-] become '-', so the id always fits an applications line.
std::string ClientIdFor(std::string_view prefix, const uint8_t* random) {
  std::string id;
  for (char c : prefix) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    id.push_back(plain ? c : '-');
  }
  return id + "-" + Hex(random, kIdBytes);
}

// 36 random bytes are 48 base64url characters: 288 bits, and no ':' or ',' to escape.
std::string SecretFrom(const uint8_t* random) {
  static constexpr char kBase64Url[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string secret;
  for (size_t i = 0; i < kSecretBytes; i += 3) {
    uint32_t group = (random[i] << 16) | (random[i + 1] << 8) | random[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6)
      secret.push_back(kBase64Url[(group >> shift) & 63]);
  }
  return secret;
}

}  // namespace

Result<std::vector<Application>> ParseApplications(std::string_view text) {
  std::vector<Application> apps;
  std::unordered_set<std::string> seen;
  size_t number = 0;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;

    VC_RETURN_IF_ERROR(ParseLine(line, number, apps, seen));
  }
  return apps;
}

Application NewApplication(std::string_view prefix) {
  std::array<uint8_t, kIdBytes + kSecretBytes> random{};
  RandomBytes(random.data(), random.size());
  return Application{ClientIdFor(prefix, random.data()), SecretFrom(random.data() + kIdBytes)};
}

}  // namespace vc::auth
