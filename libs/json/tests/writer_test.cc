#include "vc/json/writer.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "vc/json/parse.h"
#include "vc/json/reader.h"

namespace {

using vc::json::Writer;

std::string WriteString(std::string_view text) {
  Writer w;
  w.String(text);
  return w.Take();
}

}  // namespace

TEST_CASE("written objects read back to the same values", "[json][writer][unit]") {
  Writer w;
  w.StartObject()
      .Field("naam", "Zoë \"de\" Vries")
      .Field("uren", int64_t{-9223372036854775807 - 1})
      .Field("dagen", 3)
      .Field("actief", true)
      .Field("score", 7.25)
      .Field("opmerking", std::optional<std::string>("tekst"))
      .Field("leeg", std::optional<std::string>())
      .Field("bedrag", std::optional<int64_t>(1250))
      .Field("geen", std::optional<int64_t>())
      .Field("tags", std::vector<std::string>{"koken", "tuin\\werk"})
      .EndObject();

  auto doc = vc::json::ParseObject(w.View());
  REQUIRE(doc.ok());
  vc::json::ObjectReader r(*doc);
  CHECK(r.String("naam", {.trim = false}) == "Zoë \"de\" Vries");
  CHECK(r.Integer("uren", {}) == std::numeric_limits<int64_t>::min());
  CHECK(r.Integer("dagen", {}) == 3);
  CHECK(r.Bool("actief") == true);
  CHECK(r.Number("score", {}) == 7.25);
  CHECK(r.String("opmerking", {}) == "tekst");
  CHECK(r.IsNull("leeg"));
  CHECK(r.Integer("bedrag", {}) == 1250);
  CHECK(r.IsNull("geen"));
  CHECK(r.StringArray("tags", {}, {.max_length = 20}) ==
        std::vector<std::string>{"koken", "tuin\\werk"});
  CHECK(r.Finish().ok());
}

TEST_CASE("text is escaped where JSON requires it and kept as UTF-8 otherwise",
          "[json][writer][unit]") {
  auto [text, json] = GENERATE(table<std::string, std::string>({
      {"gewoon", R"("gewoon")"},
      {"zeg \"hoi\"", R"("zeg \"hoi\"")"},
      {"back\\slash", R"("back\\slash")"},
      {"regel\neen\ttab\r", R"("regel\neen\ttab\r")"},
      {"\x01\x1f", R"("\u0001\u001F")"},
      {std::string("a\0b", 3), R"("a\u0000b")"},
      {"</script>", R"("</script>")"},
      {"Zoë € 😀", R"("Zoë € 😀")"},
  }));
  CAPTURE(text);
  CHECK(WriteString(text) == json);
}

TEST_CASE("text that is not valid UTF-8 is written with replacement characters",
          "[json][writer][unit]") {
  auto [text, json] = GENERATE(table<std::string, std::string>({
      {"slecht \xFF byte", "\"slecht \xEF\xBF\xBD byte\""},
      {"\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"afgekapt \xE2\x82", "\"afgekapt \xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
  }));
  CAPTURE(text);
  CHECK(WriteString(text) == json);

  Writer w;
  w.StartObject().Field(text, 1).EndObject();
  CHECK(vc::json::ParseObject(w.View()).ok());
}

TEST_CASE("Raw inserts pre-serialised JSON as one value", "[json][writer][unit]") {
  Writer object;
  object.StartObject().Field("a", 1).Key("doc").Raw(R"({"x":[1,2]})").Field("b", true);
  object.EndObject();
  CHECK(object.View() == R"({"a":1,"doc":{"x":[1,2]},"b":true})");

  Writer array;
  array.StartArray().Raw(R"({"x":1})").Int(2).Raw("null").Raw(R"("s")").EndArray();
  CHECK(array.View() == R"([{"x":1},2,null,"s"])");

  Writer root;
  root.Raw(R"({"stored":true})");
  CHECK(root.View() == R"({"stored":true})");
}

TEST_CASE("non-finite doubles are written as null", "[json][writer][unit]") {
  double value = GENERATE(std::nan(""), std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity());
  CAPTURE(value);
  Writer w;
  w.StartObject().Field("x", value).Field("y", 1).EndObject();
  CHECK(w.View() == R"({"x":null,"y":1})");
}

TEST_CASE("a parsed document serialises back compactly", "[json][writer][unit]") {
  auto doc = vc::json::ParseObject(R"( { "a" : [ 1, 2.5, "x\n", null, true, { "b" : { } } ] } )");
  REQUIRE(doc.ok());
  CHECK(vc::json::Serialize(*doc) == R"({"a":[1,2.5,"x\n",null,true,{"b":{}}]})");
  CHECK(vc::json::Serialize((*doc)["a"][1]) == "2.5");
}
