#include "vc/json/reader.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "vc/json/parse.h"

namespace {

using vc::json::ArrayRule;
using vc::json::IntRule;
using vc::json::NumberRule;
using vc::json::ObjectReader;
using vc::json::StringRule;

rapidjson::Document Parse(const std::string& text) {
  auto result = vc::json::ParseObject(text);
  REQUIRE(result.ok());
  return std::move(result).value();
}

// "name code" per problem, in order, so a failed CHECK shows the whole list.
std::vector<std::string> Problems(const vc::Status& status) {
  std::vector<std::string> out;
  for (const vc::FieldProblem& p : status.fields()) {
    out.push_back(p.name + " " + p.code);
  }
  return out;
}

const std::regex kEmail(R"([^@\s]+@[^@\s]+\.[a-z]+)");
const std::vector<std::string> kRoles = {"vrijwilliger", "coordinator"};

// The schema of a small registration body, as an endpoint would read it.
vc::Status ReadRegistration(const rapidjson::Value& body) {
  ObjectReader r(body);
  r.String("naam", {.required = true, .max_length = 10});
  r.String("email", {.max_length = 100, .pattern = &kEmail});
  r.String("rol", {.max_length = 20, .allowed = &kRoles});
  r.String("opmerking", {.nullable = true});
  r.Integer("uren", {.min = 0, .max = 80});
  r.Number("score", {.min = 0, .max = 10});
  r.Bool("actief");
  r.StringArray("tags", {.max_items = 3, .unique = true}, {.max_length = 5});
  r.RejectUnknown();
  return r.Finish();
}

}  // namespace

TEST_CASE("valid fields are read trimmed and typed", "[json][reader][unit]") {
  auto doc = Parse(R"({"naam":"  Zoë de Vries ","uren":80,"score":9.5,"actief":false,
                      "tags":[" koken","tuin "],"opmerking":null,"rol":"coordinator"})");
  ObjectReader r(doc);
  CHECK(r.String("naam", {.required = true}) == "Zoë de Vries");
  CHECK(r.String("rol", {.max_length = 20, .allowed = &kRoles}) == "coordinator");
  CHECK(r.String("opmerking", {.nullable = true}) == std::nullopt);
  CHECK(r.String("ontbreekt", {}) == std::nullopt);
  CHECK(r.Integer("uren", {.required = true, .min = 0, .max = 80}) == 80);
  CHECK(r.Number("score", {}) == 9.5);
  CHECK(r.Bool("actief", true) == false);
  CHECK(r.StringArray("tags", {}, {}) == std::vector<std::string>{"koken", "tuin"});
  r.RejectUnknown();
  CHECK(r.Finish().ok());
}

TEST_CASE("lengths are counted in code points, not bytes", "[json][reader][unit]") {
  auto doc = Parse(R"({"exact":"éééééééééé","emoji":"😀😀😀😀😀😀😀😀😀😀😀"})");
  ObjectReader r(doc);
  CHECK(r.String("exact", {.required = true, .max_length = 10}) == "éééééééééé");
  CHECK(r.String("emoji", {.required = true, .max_length = 10}) == std::nullopt);
  CHECK(Problems(r.Finish()) == std::vector<std::string>{"emoji max-length"});
}

TEST_CASE("each invalid field is reported with its path, code and Dutch reason",
          "[json][reader][unit]") {
  using S = std::string;
  auto [body, name, code, reason] = GENERATE(table<S, S, S, S>({
      {R"({})", "naam", "required", "is verplicht"},
      {R"({"naam":null})", "naam", "required", "is verplicht"},
      {R"({"naam":5})", "naam", "invalid-type", "moet een tekst zijn"},
      {R"({"naam":"   "})", "naam", "min-length", "mag niet leeg zijn"},
      {R"({"naam":"abcdefghijk"})", "naam", "max-length", "mag hoogstens 10 tekens lang zijn"},
      {R"({"naam":"a","email":"a@"})", "email", "pattern", "heeft niet de juiste vorm"},
      {R"({"naam":"a","email":"x a@b.nl"})", "email", "pattern", "heeft niet de juiste vorm"},
      {R"({"naam":"a","rol":"admin"})", "rol", "enum",
       "moet een van deze waarden zijn: vrijwilliger, coordinator"},
      {R"({"naam":"a","opmerking":[]})", "opmerking", "invalid-type", "moet een tekst zijn"},
      {R"({"naam":"a","uren":1.0})", "uren", "invalid-type", "moet een geheel getal zijn"},
      {R"({"naam":"a","uren":1.5})", "uren", "invalid-type", "moet een geheel getal zijn"},
      {R"({"naam":"a","uren":1e2})", "uren", "invalid-type", "moet een geheel getal zijn"},
      {R"({"naam":"a","uren":"8"})", "uren", "invalid-type", "moet een geheel getal zijn"},
      {R"({"naam":"a","uren":9223372036854775808})", "uren", "invalid-type",
       "is te groot voor een geheel getal"},
      {R"({"naam":"a","uren":-9223372036854775809})", "uren", "invalid-type",
       "moet een geheel getal zijn"},
      {R"({"naam":"a","uren":null})", "uren", "invalid-type", "mag niet null zijn"},
      {R"({"naam":"a","uren":-1})", "uren", "minimum", "moet minstens 0 zijn"},
      {R"({"naam":"a","uren":81})", "uren", "maximum", "mag hoogstens 80 zijn"},
      {R"({"naam":"a","score":"9"})", "score", "invalid-type", "moet een getal zijn"},
      {R"({"naam":"a","score":10.5})", "score", "maximum", "mag hoogstens 10 zijn"},
      {R"({"naam":"a","score":-0.1})", "score", "minimum", "moet minstens 0 zijn"},
      {R"({"naam":"a","actief":"ja"})", "actief", "invalid-type", "moet true of false zijn"},
      {R"({"naam":"a","tags":"koken"})", "tags", "invalid-type", "moet een lijst zijn"},
      {R"({"naam":"a","tags":["a",1]})", "tags[1]", "invalid-type", "moet een tekst zijn"},
      {R"({"naam":"a","tags":["a","b","c","d"]})", "tags", "max-items",
       "mag hoogstens 3 elementen bevatten"},
      {R"({"naam":"a","tags":["a"," a"]})", "tags[1]", "unique", "komt al eerder voor in de lijst"},
      {R"({"naam":"a","tags":["a","b","abcdef"]})", "tags[2]", "max-length",
       "mag hoogstens 5 tekens lang zijn"},
      {R"({"naam":"a","tags":[""]})", "tags[0]", "min-length", "mag niet leeg zijn"},
      {R"({"naam":"a","extra":1})", "extra", "unknown-field", "is geen bekend veld"},
  }));
  CAPTURE(body);
  vc::Status status = ReadRegistration(Parse(body));
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == vc::Code::kInvalidArgument);
  CHECK(status.message() == "De invoer is ongeldig.");
  REQUIRE(status.fields().size() == 1);
  CHECK(status.fields()[0].name == name);
  CHECK(status.fields()[0].code == code);
  CHECK(status.fields()[0].reason == reason);
}

TEST_CASE("all problems of a body are reported in the order they were found",
          "[json][reader][unit]") {
  auto doc = Parse(R"({"uren":"veel","actief":1,"x":1,"y":2})");
  CHECK(Problems(ReadRegistration(doc)) ==
        std::vector<std::string>{"naam required", "uren invalid-type", "actief invalid-type",
                                 "x unknown-field", "y unknown-field"});
}

TEST_CASE("nested objects report dotted and indexed paths", "[json][reader][unit]") {
  auto doc = Parse(R"({"contact":{"email":"geen-adres","extra":true},
                      "vaardigheden":[{"naam":"koken"},{"naam":"tuin"},{"naam":5}],
                      "talen":["nl","en",""]})");
  ObjectReader r(doc);

  const rapidjson::Value* contact = r.Object("contact", true);
  REQUIRE(contact != nullptr);
  ObjectReader c = r.Child(*contact, "contact");
  c.String("email", {.required = true, .max_length = 100, .pattern = &kEmail});
  c.RejectUnknown();
  r.Absorb(c);

  const rapidjson::Value* list = r.Array("vaardigheden", {.required = true});
  REQUIRE(list != nullptr);
  for (rapidjson::SizeType i = 0; i < list->Size(); ++i) {
    ObjectReader item = r.Child((*list)[i], "vaardigheden[" + std::to_string(i) + "]");
    item.String("naam", {.required = true});
    r.Absorb(item);
  }

  r.StringArray("talen", {}, {});
  CHECK(Problems(r.Finish()) ==
        std::vector<std::string>{"contact.email pattern", "contact.extra unknown-field",
                                 "vaardigheden[2].naam invalid-type", "talen[2] min-length"});
}

TEST_CASE("a child named by an index joins its parent's path without a dot",
          "[json][reader][unit]") {
  auto doc = Parse(R"({"a":{"b":[{"c":1}]}})");
  ObjectReader r(doc);
  ObjectReader a = r.Child(*r.Object("a"), "a");
  ObjectReader b0 = a.Child(doc["a"]["b"][0], "b").Child(doc["a"]["b"][0], "[0]");
  b0.String("c", {});
  CHECK(Problems(b0.Finish()) == std::vector<std::string>{"a.b[0].c invalid-type"});
  CHECK(a.PathOf("[3]") == "a[3]");
  CHECK(r.PathOf("naam") == "naam");
}

TEST_CASE("a reader over something other than an object reports a type problem",
          "[json][reader][unit]") {
  auto doc = Parse(R"({"contact":"tekst","lijst":[1]})");
  CHECK(Problems(ObjectReader(doc["lijst"]).Finish()) ==
        std::vector<std::string>{"$ invalid-type"});

  ObjectReader r(doc);
  CHECK(r.Object("contact") == nullptr);
  ObjectReader child = r.Child(doc["contact"], "contact");
  CHECK(child.String("email", {.required = true}) == std::nullopt);
  r.Absorb(child);
  CHECK(Problems(r.Finish()) ==
        std::vector<std::string>{"contact invalid-type", "contact invalid-type"});
}

TEST_CASE("null is told apart from absence for PATCH bodies", "[json][reader][unit]") {
  auto doc = Parse(R"({"opmerking":null,"naam":"x"})");
  ObjectReader r(doc);
  CHECK(r.Present("opmerking"));
  CHECK(r.IsNull("opmerking"));
  CHECK(r.Present("naam"));
  CHECK_FALSE(r.IsNull("naam"));
  CHECK_FALSE(r.Present("email"));
  CHECK_FALSE(r.IsNull("email"));
  CHECK(r.String("opmerking", {.required = true, .nullable = true}) == std::nullopt);
  CHECK(r.Finish().ok());
}

TEST_CASE("arrays of any values are checked for size and duplicates", "[json][reader][unit]") {
  auto doc = Parse(R"({"a":[{"x":1},{"x":1.0}],"b":[1,2,3],"c":[[1],[2]],"d":{}})");
  ObjectReader r(doc);
  CHECK(r.Array("a", {.max_items = 10, .unique = true}) == nullptr);
  CHECK(r.Array("b", {.max_items = 2}) == nullptr);
  CHECK(r.Array("c", {.max_items = 2, .unique = true}) != nullptr);
  CHECK(r.Array("d", {}) == nullptr);
  CHECK(r.Array("e", {.required = true}) == nullptr);
  CHECK(Problems(r.Finish()) ==
        std::vector<std::string>{"a[1] unique", "b max-items", "d invalid-type", "e required"});
}

TEST_CASE("problems added by the caller are kept with the reader's own", "[json][reader][unit]") {
  auto doc = Parse(R"({"van":"2024-05-01","tot":"2024-04-01"})");
  ObjectReader r(doc);
  r.String("van", {.required = true});
  r.String("tot", {.required = true});
  r.AddProblem(r.PathOf("tot"), vc::json::codes::kFormat, "moet na 'van' liggen");
  REQUIRE(r.HasProblems());
  vc::Status status = r.Finish();
  REQUIRE(status.fields().size() == 1);
  CHECK(status.fields()[0].reason == "moet na 'van' liggen");
}
