#include "vc/json/writer.h"

#include <cmath>

#include "utf8.h"

namespace vc::json {
namespace {

// Limitation: RapidJSON sizes strings with 32 bits; text past 4 GiB is cut there. No response
// comes near that, and the body limits keep stored documents far below it.
rapidjson::SizeType SizeOf(std::string_view text) {
  return static_cast<rapidjson::SizeType>(text.size());
}

// Hands write the text, or a repaired copy when it is not valid UTF-8: RapidJSON would copy
// the bad bytes into the output as they are.
template <typename Write>
void WriteText(std::string_view text, Write write) {
  if (internal::IsValidUtf8(text)) {
    write(text);
    return;
  }
  std::string valid = internal::ToValidUtf8(text);
  write(std::string_view(valid));
}

}  // namespace

Writer& Writer::Key(std::string_view k) {
  WriteText(k, [this](std::string_view text) { writer_.Key(text.data(), SizeOf(text), true); });
  return *this;
}

Writer& Writer::String(std::string_view v) {
  WriteText(v, [this](std::string_view text) { writer_.String(text.data(), SizeOf(text), true); });
  return *this;
}

// RapidJSON refuses NaN and infinity only after it has written the separator, which would
// leave "{"a":}" behind; null keeps the output valid.
Writer& Writer::Double(double v) {
  if (std::isfinite(v)) {
    writer_.Double(v);
  } else {
    writer_.Null();
  }
  return *this;
}

Writer& Writer::Raw(std::string_view json) {
  // rapidjson copies a raw value byte by byte, which took 6% of the CPU of a page of 20
  // volunteers (docs/performance.md); it writes only the separator here, and the text goes in
  // with one copy. The type only matters where a key is due, and a raw value is never a key.
  writer_.RawValue("", 0, rapidjson::kObjectType);
  out_.text.append(json);
  return *this;
}

Writer& Writer::Field(std::string_view k, const std::optional<std::string>& v) {
  Key(k);
  return v ? String(*v) : Null();
}

Writer& Writer::Field(std::string_view k, const std::optional<int64_t>& v) {
  Key(k);
  return v ? Int(*v) : Null();
}

Writer& Writer::Field(std::string_view k, const std::vector<std::string>& v) {
  Key(k).StartArray();
  for (const std::string& item : v) {
    String(item);
  }
  return EndArray();
}

std::string Serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace vc::json
