#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

#include "vc/auth/token.h"

namespace {

using namespace vc::auth;

const std::string kSecretA(32, 'a');
const std::string kSecretB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

}  // namespace

TEST_CASE("applications are read from lines and from comma-separated lists", "[auth][unit]") {
  std::string text =
      "# applications for the test\n"
      "\n"
      "registratie-1:" +
      kSecretA +
      "\r\n"
      "  portaal-2:" +
      kSecretB + " , extra-3:" + kSecretA +
      ":with-colon,\n"
      "   # indented comment\n"
      "last-4:" +
      kSecretB;
  vc::Result<std::vector<Application>> apps = ParseApplications(text);
  REQUIRE(apps.ok());
  REQUIRE(apps->size() == 4);
  CHECK(apps->at(0).client_id == "registratie-1");
  CHECK(apps->at(0).secret == kSecretA);
  CHECK(apps->at(1).client_id == "portaal-2");
  CHECK(apps->at(1).secret == kSecretB);
  CHECK(apps->at(2).client_id == "extra-3");
  CHECK(apps->at(2).secret == kSecretA + ":with-colon");
  CHECK(apps->at(3).client_id == "last-4");
}

TEST_CASE("an empty or comment-only text has no applications", "[auth][unit]") {
  std::string text = GENERATE(as<std::string>{}, "", "\n\n", "# nothing\n", " , ,\n");
  CAPTURE(text);
  vc::Result<std::vector<Application>> apps = ParseApplications(text);
  REQUIRE(apps.ok());
  CHECK(apps->empty());
}

TEST_CASE("a malformed applications entry is refused naming its place, never the secret",
          "[auth][unit]") {
  struct Case {
    std::string what;
    std::string text;
    std::string place;
    std::string hidden;
  };
  std::string loose_secret = "a-secret-that-lost-its-client-id-somewhere";
  Case c = GENERATE_COPY(values<Case>({
      {"a missing colon", "ok-1:" + kSecretA + "\n" + loose_secret, "line 2 entry 1", loose_secret},
      {"a short secret", "short-1:tooshort-secret", "line 1 entry 1", "tooshort-secret"},
      {"an empty client_id", "x-1:" + kSecretB + ",:" + kSecretA, "line 1 entry 2", kSecretA},
      {"a blank inside the secret", "sp-1:" + kSecretA + " " + kSecretB, "line 1 entry 1",
       kSecretB},
      {"a client_id given twice", "dup:" + kSecretA + "\ndup:" + kSecretB, "line 2 entry 1",
       kSecretB},
  }));
  CAPTURE(c.what);
  vc::Result<std::vector<Application>> apps = ParseApplications(c.text);
  REQUIRE_FALSE(apps.ok());
  CHECK(apps.status().code() == vc::Code::kInvalidArgument);
  CHECK_THAT(apps.status().message(), Catch::Contains(c.place));
  CHECK_THAT(apps.status().message(), !Catch::Contains(c.hidden));
}

TEST_CASE("a new application has a prefixed hex id and a 48-character secret that parse back",
          "[auth][unit]") {
  Application app = NewApplication("registratie");
  REQUIRE(app.client_id.size() == std::string("registratie-").size() + 8);
  CHECK(app.client_id.rfind("registratie-", 0) == 0);
  std::string hex = app.client_id.substr(app.client_id.size() - 8);
  CHECK(std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(c) != 0; }));
  CHECK(app.secret.size() == 48);

  vc::Result<std::vector<Application>> parsed = ParseApplications(app.client_id + ":" + app.secret);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 1);
  CHECK(parsed->front().secret == app.secret);
}

TEST_CASE("new applications never repeat an id or a secret", "[auth][unit]") {
  Application first = NewApplication("app");
  Application second = NewApplication("app");
  CHECK(first.client_id != second.client_id);
  CHECK(first.secret != second.secret);
}

TEST_CASE("prefix characters that would break an applications line are replaced", "[auth][unit]") {
  Application app = NewApplication("a b:c,d");
  CHECK(app.client_id.rfind("a-b-c-d-", 0) == 0);
  CHECK(ParseApplications(app.client_id + ":" + app.secret).ok());
}
