#include "vc/json/parse.h"

#include <catch2/catch.hpp>
#include <string>

namespace {

using vc::json::Limits;
using vc::json::ParseObject;

// The one problem that a refused body must carry.
vc::FieldProblem OnlyProblem(const vc::Result<rapidjson::Document>& result) {
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == vc::Code::kInvalidArgument);
  REQUIRE(result.status().fields().size() == 1);
  return result.status().fields().front();
}

std::string Repeat(std::string_view part, size_t times) {
  std::string out;
  out.reserve(part.size() * times);
  for (size_t i = 0; i < times; ++i) {
    out += part;
  }
  return out;
}

// {"a":[[[...]]]} with the given number of arrays.
std::string NestedArrays(size_t depth) {
  return "{\"a\":" + Repeat("[", depth) + Repeat("]", depth) + "}";
}

}  // namespace

TEST_CASE("well-formed objects within the limits are parsed", "[json][parse][unit]") {
  Limits limits;
  auto text = GENERATE_COPY(as<std::string>{}, "{}", " \r\n\t{ } \n", R"({"naam":"Ann"})",
                            R"({"naam":"Zoë","emoji":"\uD83D\uDE00","stad":"\u00E9"})",
                            R"({"a":[1,-2,3.5,1e3,true,false,null,{},[]]})", NestedArrays(15),
                            "{\"s\":\"" + std::string(limits.max_string_bytes, 'x') + "\"}",
                            "{\"a\":[" + Repeat("0,", limits.max_array_items - 1) + "0]}");
  CAPTURE(text.substr(0, 80));
  auto result = ParseObject(text, limits);
  REQUIRE(result.ok());
  CHECK(result->IsObject());
}

TEST_CASE("parsed values keep their types and text", "[json][parse][unit]") {
  auto result = ParseObject(R"({"naam":"Zoë","uren":8,"actief":true,"tags":["a","b"]})");
  REQUIRE(result.ok());
  const rapidjson::Document& doc = *result;
  CHECK(std::string(doc["naam"].GetString()) == "Zoë");
  CHECK(doc["uren"].GetInt64() == 8);
  CHECK(doc["actief"].GetBool());
  CHECK(doc["tags"].Size() == 2);
}

TEST_CASE("malformed, truncated or trailing input is refused as a syntax problem at $",
          "[json][parse][unit]") {
  auto [text, reason] = GENERATE(table<std::string, std::string>({
      {"", "is leeg"},
      {"   \n", "is leeg"},
      {"{", "onvolledig"},
      {R"({"a":)", "onvolledig"},
      {R"({"a":"abc)", "onvolledig"},
      {R"({"a":[1,2)", "onvolledig"},
      {R"({"a":1,})", "veldnaam ontbreekt"},
      {R"({"a" 1})", "dubbele punt"},
      {R"({'a':1})", "veldnaam ontbreekt"},
      {R"({"a":01})", "komma of '}'"},
      {R"({"a":[1 2]})", "komma of ']'"},
      {R"({"a":1}})", "tekst na het object"},
      {R"({"a":1} x)", "tekst na het object"},
      {R"({}{})", "tekst na het object"},
      {R"({"a":NaN})", "ongeldige waarde"},
      {R"({"a":tru})", "ongeldige waarde"},
      {R"({"a":1e999})", "te groot"},
      {R"({"a":1.})", "decimale punt"},
      {R"({"a":"\x"})", "escape"},
      {R"({"a":"\u12G4"})", "\\u-escape"},
      {"{\"a\":\"tab\there\"}", "stuurteken"},
      {"\xEF\xBB\xBF{}", "ongeldige waarde"},
      {std::string("{}\0", 3), "NUL-byte"},
      {std::string("{\"a\":\"x\0y\"}", 11), "NUL-byte"},
  }));
  CAPTURE(text);
  vc::FieldProblem problem = OnlyProblem(ParseObject(text));
  CHECK(problem.name == "$");
  CHECK(problem.code == vc::json::codes::kSyntax);
  CHECK_THAT(problem.reason, Catch::Contains(reason));
}

TEST_CASE("a top level that is not an object is refused as a type problem", "[json][parse][unit]") {
  auto text =
      GENERATE(as<std::string>{}, "[]", R"("tekst")", "42", "null", "true", Repeat("[", 100000));
  CAPTURE(text.substr(0, 20));
  vc::FieldProblem problem = OnlyProblem(ParseObject(text));
  CHECK(problem.name == "$");
  CHECK(problem.code == vc::json::codes::kType);
  CHECK(problem.reason == "moet een JSON-object zijn");
}

TEST_CASE("nesting past the depth limit is refused at the path where it goes too deep",
          "[json][parse][unit]") {
  size_t depth = GENERATE(17u, 1000u, 100000u);
  CAPTURE(depth);
  bool closed = GENERATE(true, false);

  SECTION("arrays") {
    std::string text = closed ? NestedArrays(depth) : "{\"a\":" + Repeat("[", depth);
    vc::FieldProblem problem = OnlyProblem(ParseObject(text));
    CHECK(problem.code == vc::json::codes::kMaxDepth);
    CHECK(problem.name == "a" + Repeat("[0]", 15));
    CHECK(problem.reason == "is dieper genest dan 16 niveaus");
  }
  SECTION("objects") {
    std::string text = Repeat("{\"b\":", depth) + (closed ? "1" + Repeat("}", depth) : "");
    vc::FieldProblem problem = OnlyProblem(ParseObject(text));
    CHECK(problem.code == vc::json::codes::kMaxDepth);
    CHECK(problem.name == "b" + Repeat(".b", 15));
  }
}

// A recursive parser would need far more than the default 8 MiB stack for this.
TEST_CASE("half a million levels in a 1 MB body parse without recursion if the limit allows",
          "[json][parse][unit]") {
  Limits limits;
  limits.max_depth = 1000000;
  std::string text = NestedArrays(500000);
  REQUIRE(text.size() <= limits.max_bytes);
  auto result = ParseObject(text, limits);
  REQUIRE(result.ok());
  CHECK((*result)["a"].IsArray());
}

TEST_CASE("invalid UTF-8 in a string or key is refused", "[json][parse][unit]") {
  auto bytes = GENERATE(as<std::string>{},
                        "\xC0\xAF",          // overlong '/'
                        "\xC1\xBF",          // overlong 0x7F
                        "\xE0\x80\xAF",      // overlong, three bytes
                        "\xF0\x80\x80\xAF",  // overlong, four bytes
                        "\xED\xA0\x80",      // encoded surrogate U+D800
                        "\xED\xBF\xBF",      // encoded surrogate U+DFFF
                        "\xF4\x90\x80\x80",  // above U+10FFFF
                        "\xF5\x80\x80\x80",  // no such lead byte
                        "\xFF", "\xFE",      // never in UTF-8
                        "\x80",              // lone continuation byte
                        "\xC3",              // truncated two-byte sequence
                        "\xE2\x82",          // truncated three-byte sequence
                        "\xE2\x28\xA1",      // bad continuation byte
                        R"(\uDC00)",         // lone low surrogate escape
                        R"(\uD800)",         // lone high surrogate escape
                        R"(\uD800\u0041)",   // high surrogate without its pair
                        R"(\uDBFF\uDBFF)");  // two high surrogates
  bool in_key = GENERATE(false, true);
  // ASCII before the bytes: none of it, and enough for the checks that take 8 bytes at once.
  std::string before = GENERATE(as<std::string>{}, "x", "1234567", "12345678", "123456789abcdefgh");
  std::string text =
      in_key ? "{\"" + before + bytes + "\":1}" : "{\"naam\":\"" + before + bytes + "\"}";
  CAPTURE(text, in_key);
  vc::FieldProblem problem = OnlyProblem(ParseObject(text));
  CHECK(problem.code == vc::json::codes::kInvalidUtf8);
  CHECK(ParseObject(in_key ? "{\"" + before + "\":1}" : "{\"naam\":\"" + before + "\"}").ok());
  // A key's problem is its object's. RapidJSON itself refuses the surrogate escapes it cannot
  // decode, without a field; the bytes it passes on are checked, and named, here.
  bool named_by_us = bytes[0] != '\\' || bytes == R"(\uDC00)";
  CHECK(problem.name == (in_key || !named_by_us ? "$" : "naam"));
}

TEST_CASE("a byte that is not UTF-8 outside any string is a syntax error", "[json][parse][unit]") {
  auto text = GENERATE(as<std::string>{}, "{\"a\":1\xFF}", "{\xC3\xA9:1}", "\xEF\xBB\xBF{}",
                       "{\"a\":\xE2\x82\xAC}");
  CAPTURE(text);
  vc::FieldProblem problem = OnlyProblem(ParseObject(text));
  CHECK(problem.code == vc::json::codes::kSyntax);
}

TEST_CASE("strings, arrays and objects past their limits are refused at their path",
          "[json][parse][unit]") {
  Limits limits;
  limits.max_string_bytes = 5;
  limits.max_array_items = 3;
  limits.max_members = 2;
  using S = std::string;
  auto [text, name, code, reason] = GENERATE(table<S, S, S, S>({
      {R"({"naam":"123456"})", "naam", "max-length", "is langer dan 5 bytes"},
      {R"({"123456":1})", "$", "max-length", "heeft een veldnaam langer dan 5 bytes"},
      {R"({"c":{"123456":1}})", "c", "max-length", "heeft een veldnaam langer dan 5 bytes"},
      {R"({"lijst":[1,2,3,4]})", "lijst", "max-items", "mag hoogstens 3 elementen bevatten"},
      {R"({"a":[[],[1,2,3,4]]})", "a[1]", "max-items", "mag hoogstens 3 elementen bevatten"},
      {R"({"a":1,"b":2,"c":3})", "$", "max-members", "mag hoogstens 2 velden bevatten"},
      {R"({"c":{"a":1,"b":2,"c":3}})", "c", "max-members", "mag hoogstens 2 velden bevatten"},
      {R"({"v":["a","b",{"x":"123456"}]})", "v[2].x", "max-length", "is langer dan 5 bytes"},
      {R"({"rol":"a","rol":"b"})", "rol", "unique", "komt meer dan eens voor"},
      {R"({"naam":"a\u0000b"})", "naam", "format", "bevat een NUL-teken"},
      {R"({"v":[1,"a\u0000"]})", "v[1]", "format", "bevat een NUL-teken"},
  }));
  CAPTURE(text);
  vc::FieldProblem problem = OnlyProblem(ParseObject(text, limits));
  CHECK(problem.name == name);
  CHECK(problem.code == code);
  CHECK(problem.reason == reason);
}

TEST_CASE("a body over the byte limit is refused as too large", "[json][parse][unit]") {
  Limits limits;
  limits.max_bytes = 16;
  CHECK(ParseObject(R"({"a":"12345678"})", limits).ok());

  auto result = ParseObject(R"({"a":"123456789"})", limits);
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == vc::Code::kTooLarge);
  CHECK(result.status().message() == "De invoer is groter dan 16 bytes.");
}
