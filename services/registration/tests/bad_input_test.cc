// Hostile and malformed input: every case gets a 4xx problem+json; none a 5xx, a crash, a hang
// or a dropped connection.
#include <catch2/catch.hpp>

#include "harness.h"

using namespace vc::registration::testing;

namespace {

const char* kValid = R"({"voornaam":"Anna","achternaam":"B","postcode":"1011 AB"})";

std::string Nested(int depth) {
  return R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB","x":)" + std::string(depth, '[') +
         std::string(depth, ']') + "}";
}

}  // namespace

TEST_CASE("malformed and hostile bodies are refused with a named problem",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");

  auto [name, body, status, field] = GENERATE(table<std::string, std::string, int, std::string>({
      {"malformed", "{\"voornaam\":", 400, ""},
      {"truncated", std::string(kValid).substr(0, 30), 400, ""},
      {"not an object", "[1,2,3]", 400, ""},
      {"empty object", "{}", 400, "voornaam"},
      {"deep nesting", Nested(1000), 400, ""},
      {"invalid utf-8", "{\"voornaam\":\"\xff\xfe\",\"achternaam\":\"B\",\"postcode\":\"1011 AB\"}",
       400, ""},
      {"wrong type", R"({"voornaam":3,"achternaam":"B","postcode":"1011 AB"})", 400, "voornaam"},
      {"unknown field", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB","bsn":"1"})", 400,
       "bsn"},
      {"bad postcode", R"({"voornaam":"A","achternaam":"B","postcode":"0123 AB"})", 400,
       "postcode"},
      {"bad email", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB","email":"a@"})", 400,
       "email"},
      {"unknown skill", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB",
         "vaardigheden":["vliegen"]})",
       400, "vaardigheden[0]"},
      {"fractional integer", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB",
         "maxReisafstandKm":1.5})",
       400, "maxReisafstandKm"},
      {"nested bad time", R"({"voornaam":"A","achternaam":"B","postcode":"1011 AB",
         "toestemmingen":[{"doel":"matching","gegevenOp":"gisteren","tekstVersie":"1"}]})",
       400, "toestemmingen[0].gegevenOp"},
      {"huge string",
       R"({"voornaam":")" + std::string(5000, 'a') + R"(","achternaam":"B","postcode":"1011 AB"})",
       400, "voornaam"},
  }));
  CAPTURE(name);
  auto r = s.http().Post(s.Path("/vrijwilligers"), body, token);
  REQUIRE(r.ok());
  INFO(r->body);
  CHECK(r->status == status);
  CHECK(IsProblem(*r));
  if (!field.empty()) CHECK(r->body.find("\"name\":\"" + field + "\"") != std::string::npos);
}

TEST_CASE("a 10 MB body gets a 413 problem, not a dropped connection",
          "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  std::string body = "{\"voornaam\":\"" + std::string(10 * 1024 * 1024, 'a') + "\"}";
  std::string raw = vc::testing::RawExchange(
      s.process().port(),
      "POST /registratie/api/v1/vrijwilligers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
          TenantToken("0363") + "\r\nContent-Type: application/json\r\nContent-Length: " +
          std::to_string(body.size()) + "\r\n\r\n" + body,
      std::chrono::seconds(10));
  CHECK(vc::testing::StatusOf(raw) == 413);
  CHECK(raw.find("application/problem+json") != std::string::npos);
}

TEST_CASE("unknown and malformed ids are 404 problems", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string token = TenantToken("0363");
  auto id = GENERATE(as<std::string>{}, "00000000-0000-4000-8000-000000000000", "abc",
                     "%27%20OR%201%3D1", "..%2F..%2Fetc");
  CAPTURE(id);
  for (const char* method : {"GET", "PATCH", "DELETE"}) {
    CAPTURE(method);
    auto r = s.http().Send({method,
                            s.Path("/vrijwilligers/" + id),
                            std::string(method) == "PATCH" ? "{}" : "",
                            "application/json",
                            token,
                            "",
                            {}});
    REQUIRE(r.ok());
    CHECK(r->status == 404);
    CHECK(IsProblem(*r));
  }
}

TEST_CASE("missing, expired, forged and unsigned tokens get 401", "[registration][integration]") {
  Running s;
  s.Onboard("0363", "Amsterdam");
  const std::string good = TenantToken("0363");
  std::string forged =
      good.substr(0, good.rfind('.') + 1) + "AAAA" + good.substr(good.rfind('.') + 5);
  std::string unsigned_token =
      "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." +
      good.substr(good.find('.') + 1, good.rfind('.') - good.find('.') - 1) + ".";
  auto [name, token] = GENERATE_COPY(table<std::string, std::string>({
      {"missing", ""},
      {"garbage", "not-a-token"},
      {"expired", Token({"registratie.lezen"}, "0363", 7200)},
      {"forged", forged},
      {"alg none", unsigned_token},
  }));
  CAPTURE(name);
  auto r = s.http().Get(s.Path("/vrijwilligers"), token);
  REQUIRE(r.ok());
  CHECK(r->status == 401);
  CHECK(IsProblem(*r));
}
