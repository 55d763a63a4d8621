#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "test_support.h"
#include "vc/auth/token.h"

namespace {

using namespace vc::auth;
using namespace vc::auth::testing;

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  return doc;
}

}  // namespace

TEST_CASE("a minted token is an HS256 JWT whose claims have the JSON types of ZGW",
          "[auth][unit]") {
  Claims claims;
  claims.issued_at = kNow;
  claims.gemeente = "0599";
  claims.scopes = {"registratie.lezen"};
  vc::Result<std::string> token = Mint({kClientId, kSecret}, claims);
  REQUIRE(token.ok());

  rapidjson::Document header = ParseJson(Base64UrlDecode(token->substr(0, token->find('.'))));
  REQUIRE(header.IsObject());
  CHECK(std::string(header["alg"].GetString()) == "HS256");

  rapidjson::Document payload = ParseJson(PayloadOf(*token));
  REQUIRE(payload.IsObject());
  CHECK(std::string(payload["client_id"].GetString()) == kClientId);
  CHECK(payload["iat"].IsInt64());
  CHECK(payload["iat"].GetInt64() == kNow);
  CHECK(std::string(payload["gemeente"].GetString()) == "0599");
  REQUIRE(payload["scopes"].IsArray());
  CHECK(payload["scopes"].Size() == 1);
  CHECK_FALSE(payload.HasMember("exp"));
  CHECK_FALSE(payload.HasMember("user_id"));
}

TEST_CASE("a minted token without scopes carries an empty scopes array", "[auth][unit]") {
  Claims claims;
  claims.issued_at = kNow;
  vc::Result<std::string> token = Mint({kClientId, kSecret}, claims);
  REQUIRE(token.ok());

  rapidjson::Document payload = ParseJson(PayloadOf(*token));
  REQUIRE(payload.HasMember("scopes"));
  REQUIRE(payload["scopes"].IsArray());
  CHECK(payload["scopes"].Empty());
}

TEST_CASE("scopes and user names with quotes and backslashes survive a round trip",
          "[auth][unit]") {
  FixedClock clock(kNow);
  Claims claims;
  claims.issued_at = kNow;
  claims.scopes = {"a\"b", "c\\d", "e,f", "\xc3\xa9\xc3\xa9n"};
  claims.user_id = "o\"brien\\";
  vc::Result<std::string> token = Mint({kClientId, kSecret}, claims);
  REQUIRE(token.ok());

  Verifier verifier({{kClientId, kSecret}}, VerifyOptions{}, clock);
  vc::Result<Claims> verified = verifier.Verify("Bearer " + *token);
  REQUIRE(verified.ok());
  CHECK(verified->scopes == claims.scopes);
  CHECK(verified->user_id == claims.user_id);
}

TEST_CASE("minting refuses what no verifier would accept", "[auth][unit]") {
  struct Case {
    std::string what;
    Application app;
    Claims claims;
    std::string field;
  };
  Claims base;
  base.issued_at = kNow;
  Claims bad_gemeente = base;
  bad_gemeente.gemeente = "363";
  Claims other_client = base;
  other_client.client_id = "someone-else";
  Claims negative = base;
  negative.issued_at = -1;
  Claims nul_user = base;
  nul_user.user_id = std::string("a\0b", 3);

  Case c = GENERATE_COPY(values<Case>({
      {"a secret under 32 bytes", {kClientId, "short"}, base, "secret"},
      {"an application without client_id", {"", kSecret}, base, "client_id"},
      {"claims for another client", {kClientId, kSecret}, other_client, "client_id"},
      {"a gemeente that is not 4 digits", {kClientId, kSecret}, bad_gemeente, "gemeente"},
      {"a time before 1970", {kClientId, kSecret}, negative, "iat"},
      {"a NUL inside user_id", {kClientId, kSecret}, nul_user, "client_id"},
  }));
  CAPTURE(c.what);
  vc::Result<std::string> token = Mint(c.app, c.claims);
  REQUIRE_FALSE(token.ok());
  CHECK(token.status().code() == vc::Code::kInvalidArgument);
  REQUIRE(token.status().fields().size() == 1);
  CHECK(token.status().fields()[0].name == c.field);
  CHECK_THAT(token.status().message(), !Catch::Contains(kSecret));
}
