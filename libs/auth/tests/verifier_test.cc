#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "test_support.h"
#include "vc/auth/token.h"

namespace {

using namespace vc::auth;
using namespace vc::auth::testing;

std::string Json(const std::string& fields) { return "{" + fields + "}"; }

std::string ClientField(const std::string& id = kClientId) {
  return "\"client_id\":\"" + id + "\"";
}

std::string IatField(int64_t iat) { return "\"iat\":" + std::to_string(iat); }

// A token for kClientId, properly signed, with payload fields as given.
std::string Signed(const std::string& fields) {
  return SignedToken(kHs256Header, Json(fields), kSecret);
}

Verifier MakeVerifier(const FixedClock& clock) {
  return Verifier({{kClientId, kSecret}, {"other-00000000", std::string(40, 'o')}}, VerifyOptions{},
                  clock);
}

struct BadToken {
  std::string what;
  std::string header;
  std::string message_part;
};

std::vector<BadToken> ShapeRefusals() {
  std::string good = Signed(ClientField() + "," + IatField(kNow));
  return {
      {"no header", "", "geen token"},
      {"only blanks", "  \t ", "geen token"},
      {"another scheme", "Basic dXNlcjpwYXNz", "'Bearer <token>'"},
      {"the scheme glued to the token", "Bearer" + good, "'Bearer <token>'"},
      {"an empty token", "Bearer", "ontbreekt"},
      {"an empty token after blanks", "Bearer    ", "ontbreekt"},
      {"garbage", "Bearer garbage", "geen geldig JWT"},
      {"two segments", "Bearer " + good.substr(0, good.rfind('.')), "geen geldig JWT"},
      {"four segments", "Bearer " + good + ".abc", "geen geldig JWT"},
      {"an empty header segment", "Bearer " + good.substr(good.find('.')), "geen geldig JWT"},
      {"characters outside base64url", "Bearer a+b.c/d.e=f", "geen geldig JWT"},
      {"a blank inside the token", "Bearer " + good + " x", "geen geldig JWT"},
      {"segments that are not JSON", "Bearer YWJj.ZGVm.Z2hp", "geen geldig JWT"},
      {"a header over 8 KiB", "Bearer " + std::string(9000, 'a'), "te groot"},
  };
}

std::vector<BadToken> AlgorithmAndSignatureRefusals() {
  std::string payload = Json(ClientField() + "," + IatField(kNow));
  std::string good = Signed(ClientField() + "," + IatField(kNow));
  std::string good_signature = good.substr(good.rfind('.') + 1);
  std::string none = R"({"alg":"none","typ":"JWT"})";
  return {
      {"alg none without a signature", "Bearer " + UnsignedToken(none, payload), "HS256"},
      {"alg none with a borrowed signature",
       "Bearer " + UnsignedToken(none, payload, good_signature), "HS256"},
      {"HS384 signed with the right secret",
       "Bearer " + SignedToken(R"({"alg":"HS384","typ":"JWT"})", payload, kSecret, Digest::kSha384),
       "HS256"},
      {"RS256", "Bearer " + UnsignedToken(R"({"alg":"RS256","typ":"JWT"})", payload, "c2ln"),
       "HS256"},
      {"hs256 in lower case",
       "Bearer " + SignedToken(R"({"alg":"hs256","typ":"JWT"})", payload, kSecret), "HS256"},
      // libjwt already refuses to decode a header without alg.
      {"no alg at all", "Bearer " + SignedToken(R"({"typ":"JWT"})", payload, kSecret),
       "geen geldig JWT"},
      {"a forged signature (wrong secret)",
       "Bearer " + SignedToken(kHs256Header, payload, std::string(40, 'x')), "ondertekening"},
      {"an HS256 header with an empty signature", "Bearer " + UnsignedToken(kHs256Header, payload),
       "ondertekening"},
      {"a payload changed after signing",
       "Bearer " + UnsignedToken(kHs256Header, Json(ClientField() + "," + IatField(kNow + 1)),
                                 good_signature),
       "ondertekening"},
      {"an unknown client_id",
       "Bearer " +
           SignedToken(kHs256Header, Json(ClientField("nobody") + "," + IatField(kNow)), kSecret),
       "ondertekening"},
      {"no client_id", "Bearer " + Signed(IatField(kNow)), "client_id"},
      {"an empty client_id", "Bearer " + Signed("\"client_id\":\"\"," + IatField(kNow)),
       "client_id"},
  };
}

std::vector<BadToken> ClaimRefusals() {
  std::string id = ClientField() + ",";
  std::string iat = IatField(kNow) + ",";
  return {
      {"expired: iat older than max_age", "Bearer " + Signed(id + IatField(kNow - 3601)),
       "verlopen"},
      {"iat beyond the leeway in the future", "Bearer " + Signed(id + IatField(kNow + 61)),
       "toekomst"},
      {"no iat", "Bearer " + Signed(ClientField()), "iat"},
      {"iat as text", "Bearer " + Signed(id + "\"iat\":\"1767225600\""), "iat"},
      {"iat as a fraction", "Bearer " + Signed(id + "\"iat\":1767225600.5"), "iat"},
      {"a negative iat", "Bearer " + Signed(id + "\"iat\":-5"), "iat"},
      // The JSON parser inside libjwt already refuses an integer it cannot hold.
      {"an iat beyond 64 bits", "Bearer " + Signed(id + "\"iat\":99999999999999999999"),
       "geen geldig JWT"},
      {"exp in the past", "Bearer " + Signed(id + iat + "\"exp\":" + std::to_string(kNow - 61)),
       "verlopen"},
      {"exp as text", "Bearer " + Signed(id + iat + "\"exp\":\"later\""), "exp"},
      {"a 3-digit gemeente", "Bearer " + Signed(id + iat + "\"gemeente\":\"363\""), "gemeente"},
      {"a 5-digit gemeente", "Bearer " + Signed(id + iat + "\"gemeente\":\"03630\""), "gemeente"},
      {"a gemeente with letters", "Bearer " + Signed(id + iat + "\"gemeente\":\"03a3\""),
       "gemeente"},
      {"a gemeente as a number", "Bearer " + Signed(id + iat + "\"gemeente\":363"), "gemeente"},
      {"scopes as one text", "Bearer " + Signed(id + iat + "\"scopes\":\"registratie.lezen\""),
       "scopes"},
      {"scopes with a number", "Bearer " + Signed(id + iat + "\"scopes\":[\"a\",1]"), "scopes"},
      {"scopes as an object", "Bearer " + Signed(id + iat + "\"scopes\":{\"a\":true}"), "scopes"},
      {"scopes as null", "Bearer " + Signed(id + iat + "\"scopes\":null"), "scopes"},
      {"user_id as a number", "Bearer " + Signed(id + iat + "\"user_id\":42"), "user_id"},
  };
}

void CheckRefused(const Verifier& verifier, const BadToken& bad) {
  CAPTURE(bad.what);
  vc::Result<Claims> claims = verifier.Verify(bad.header);
  REQUIRE_FALSE(claims.ok());
  CHECK(claims.status().code() == vc::Code::kUnauthenticated);
  CHECK_THAT(claims.status().message(), Catch::Contains(bad.message_part));

  std::string token = bad.header.size() > 7 ? bad.header.substr(7) : "";
  if (token.size() > 8) CHECK_THAT(claims.status().message(), !Catch::Contains(token));
  CHECK_THAT(claims.status().message(), !Catch::Contains(kSecret));
}

}  // namespace

TEST_CASE("a minted token verifies and gives back its claims", "[auth][unit]") {
  FixedClock clock(kNow);
  Claims claims;
  claims.issued_at = kNow - 10;
  claims.expires_at = kNow + 600;
  claims.gemeente = "0363";
  claims.scopes = {"registratie.lezen", "registratie.schrijven"};
  claims.user_id = "j.jansen";
  vc::Result<std::string> token = Mint({kClientId, kSecret}, claims);
  REQUIRE(token.ok());

  vc::Result<Claims> verified = MakeVerifier(clock).Verify("Bearer " + *token);
  REQUIRE(verified.ok());
  CHECK(verified->client_id == kClientId);
  CHECK(verified->issued_at == kNow - 10);
  CHECK(verified->expires_at == kNow + 600);
  CHECK(verified->gemeente == "0363");
  CHECK(verified->scopes == claims.scopes);
  CHECK(verified->user_id == "j.jansen");
}

TEST_CASE("a hand-signed token with only client_id and iat has no scopes", "[auth][unit]") {
  FixedClock clock(kNow);
  vc::Result<Claims> verified =
      MakeVerifier(clock).Verify("Bearer " + Signed(ClientField() + "," + IatField(kNow)));
  REQUIRE(verified.ok());
  CHECK(verified->scopes.empty());
  CHECK_FALSE(verified->gemeente);
  CHECK_FALSE(verified->user_id);
  CHECK_FALSE(verified->expires_at);
}

TEST_CASE("a header without typ is accepted", "[auth][unit]") {
  FixedClock clock(kNow);
  std::string payload = Json(ClientField() + "," + IatField(kNow));
  std::string token = SignedToken(R"({"alg":"HS256"})", payload, kSecret);
  CHECK(MakeVerifier(clock).Verify("Bearer " + token).ok());
}

TEST_CASE("the iss claim stands in for a missing client_id", "[auth][unit]") {
  FixedClock clock(kNow);
  std::string token = Signed("\"iss\":\"" + std::string(kClientId) + "\"," + IatField(kNow));
  vc::Result<Claims> verified = MakeVerifier(clock).Verify("Bearer " + token);
  REQUIRE(verified.ok());
  CHECK(verified->client_id == kClientId);
}

TEST_CASE("the Bearer scheme is accepted in any case and blanks around the token are tolerated",
          "[auth][unit]") {
  FixedClock clock(kNow);
  std::string token = Signed(ClientField() + "," + IatField(kNow));
  std::string prefix = GENERATE(as<std::string>{}, "Bearer ", "bearer ", "BEARER ", "BeArEr ",
                                "Bearer   ", "Bearer\t", "  Bearer ");
  std::string suffix = GENERATE(as<std::string>{}, "", " ", "\t");
  CAPTURE(prefix, suffix);
  CHECK(MakeVerifier(clock).Verify(prefix + token + suffix).ok());
}

TEST_CASE("max_age and leeway are inclusive limits", "[auth][unit]") {
  FixedClock clock(kNow);
  std::string id = ClientField() + ",";
  std::string fields =
      GENERATE_COPY(id + IatField(kNow - 3600), id + IatField(kNow + 60),
                    id + IatField(kNow - 100) + ",\"exp\":" + std::to_string(kNow - 60));
  CAPTURE(fields);
  CHECK(MakeVerifier(clock).Verify("Bearer " + Signed(fields)).ok());
}

TEST_CASE("malformed Authorization headers are refused without echoing the token", "[auth][unit]") {
  FixedClock clock(kNow);
  Verifier verifier = MakeVerifier(clock);
  BadToken bad = GENERATE(from_range(ShapeRefusals()));
  CheckRefused(verifier, bad);
}

TEST_CASE("tokens with a foreign algorithm or a bad signature are refused", "[auth][unit]") {
  FixedClock clock(kNow);
  Verifier verifier = MakeVerifier(clock);
  BadToken bad = GENERATE(from_range(AlgorithmAndSignatureRefusals()));
  CheckRefused(verifier, bad);
}

TEST_CASE("signed tokens with bad or stale claims are refused", "[auth][unit]") {
  FixedClock clock(kNow);
  Verifier verifier = MakeVerifier(clock);
  BadToken bad = GENERATE(from_range(ClaimRefusals()));
  CheckRefused(verifier, bad);
}

TEST_CASE("an application with a secret under 32 bytes cannot log in", "[auth][unit]") {
  FixedClock clock(kNow);
  std::string short_secret = "too-short-secret";
  Verifier verifier({{"weak-00000000", short_secret}}, VerifyOptions{}, clock);
  std::string payload = R"({"client_id":"weak-00000000","iat":)" + std::to_string(kNow) + "}";
  vc::Result<Claims> verified =
      verifier.Verify("Bearer " + SignedToken(kHs256Header, payload, short_secret));
  REQUIRE_FALSE(verified.ok());
  CHECK(verified.status().code() == vc::Code::kUnauthenticated);
}

TEST_CASE("HasScope matches whole scope names only", "[auth][unit]") {
  Claims claims;
  claims.scopes = {"registratie.lezen", "aanvragen.schrijven"};
  CHECK(claims.HasScope("registratie.lezen"));
  CHECK(claims.HasScope("aanvragen.schrijven"));
  CHECK_FALSE(claims.HasScope("registratie"));
  CHECK_FALSE(claims.HasScope("registratie.lezen.alles"));
  CHECK_FALSE(claims.HasScope("Registratie.Lezen"));
  CHECK_FALSE(claims.HasScope(""));
  CHECK_FALSE(Claims{}.HasScope("registratie.lezen"));
}

TEST_CASE("one verifier serves several threads at once", "[auth][unit]") {
  FixedClock clock(kNow);
  Verifier verifier = MakeVerifier(clock);
  std::string good = "Bearer " + Signed(ClientField() + "," + IatField(kNow));
  std::string forged =
      "Bearer " +
      SignedToken(kHs256Header, Json(ClientField() + "," + IatField(kNow)), std::string(40, 'x'));
  std::atomic<int> accepted{0};
  std::atomic<int> refused{0};

  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (verifier.Verify(good).ok()) ++accepted;
        if (!verifier.Verify(forged).ok()) ++refused;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  CHECK(accepted == 200);
  CHECK(refused == 200);
}

namespace {

class SteppedClock final : public vc::Clock {
 public:
  explicit SteppedClock(int64_t seconds) : now_(seconds) {}
  vc::TimePoint Now() const override { return vc::TimePoint(std::chrono::seconds(now_.load())); }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace

TEST_CASE("a remembered token is still refused once it has grown too old", "[auth][unit]") {
  SteppedClock clock(kNow);
  Claims claims;
  claims.issued_at = kNow;
  vc::Result<std::string> token = Mint({kClientId, kSecret}, claims);
  REQUIRE(token.ok());
  vc::auth::Verifier verifier({{kClientId, kSecret}}, vc::auth::VerifyOptions{}, clock);

  REQUIRE(verifier.Verify("Bearer " + *token).ok());
  REQUIRE(verifier.Verify("Bearer " + *token).ok());  // from the cache
  clock.Advance(3601);
  vc::Result<Claims> stale = verifier.Verify("Bearer " + *token);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.status().code() == vc::Code::kUnauthenticated);
}

TEST_CASE("a forged copy of a remembered token is not taken from the cache", "[auth][unit]") {
  FixedClock clock(kNow);
  Claims claims;
  claims.issued_at = kNow;
  std::string token = Mint({kClientId, kSecret}, claims).value();
  vc::auth::Verifier verifier({{kClientId, kSecret}}, vc::auth::VerifyOptions{}, clock);
  REQUIRE(verifier.Verify("Bearer " + token).ok());

  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(verifier.Verify("Bearer " + forged).ok());
}
