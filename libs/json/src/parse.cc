#include "vc/json/parse.h"

#include <rapidjson/error/error.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "utf8.h"

namespace vc::json {
namespace {

// No kParseValidateEncodingFlag: every string and key passes CheckText, which checks its
// UTF-8 after escapes are decoded and names the field; outside strings JSON is ASCII, and any
// other byte there is a syntax error. Checking twice cost a sixth of a POST's parse.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag;

// Forwards SAX events to a Document while enforcing the limits. The first problem stops the
// parse. There is one frame per open container, so frames never outnumber max_depth.
class LimitedHandler {
 public:
  LimitedHandler(rapidjson::Document& doc, const Limits& limits)
      : doc_(doc), limits_(limits), max_depth_(limits.max_depth > 0 ? limits.max_depth : 0) {}

  bool Null() { return Value(false) && doc_.Null(); }
  bool Bool(bool b) { return Value(false) && doc_.Bool(b); }
  bool Int(int i) { return Value(false) && doc_.Int(i); }
  bool Uint(unsigned u) { return Value(false) && doc_.Uint(u); }
  bool Int64(int64_t i) { return Value(false) && doc_.Int64(i); }
  bool Uint64(uint64_t u) { return Value(false) && doc_.Uint64(u); }
  bool Double(double d) { return Value(false) && doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return Value(false) && doc_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return Value(false) && CheckText({s, n}, frames_.size(), false) && doc_.String(s, n, copy);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy);
  bool StartObject() { return Open(false) && doc_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return Close() && doc_.EndObject(n); }
  bool StartArray() { return Open(true) && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return Close() && doc_.EndArray(n); }

  const std::optional<FieldProblem>& problem() const { return problem_; }

 private:
  struct Frame {
    bool is_array = false;
    size_t count = 0;  // members or items so far
    std::string key;   // objects: the member being read
    // Objects: the keys so far, searched in order; max_members bounds them, and a tree of
    // strings per object cost more than the search for the objects a request holds.
    std::vector<std::string> keys;
  };

  bool Value(bool is_object);
  bool Open(bool is_array);
  bool Close();
  // depth: the frames whose path names the text's place, only built for a problem.
  bool CheckText(std::string_view text, size_t depth, bool is_key);
  std::string Path(size_t depth) const;
  bool Fail(std::string path, const char* code, std::string reason);

  rapidjson::Document& doc_;
  const Limits& limits_;
  size_t max_depth_;
  std::vector<Frame> frames_;
  std::optional<FieldProblem> problem_;
};

bool LimitedHandler::Key(const char* s, rapidjson::SizeType n, bool copy) {
  std::string_view name(s, n);
  if (!CheckText(name, frames_.size() - 1, true)) {
    return false;
  }

  Frame& object = frames_.back();
  if (++object.count > limits_.max_members) {
    return Fail(Path(frames_.size() - 1), codes::kMaxMembers,
                "mag hoogstens " + std::to_string(limits_.max_members) + " velden bevatten");
  }

  object.key = name;
  if (std::find(object.keys.begin(), object.keys.end(), name) != object.keys.end()) {
    return Fail(Path(frames_.size()), codes::kUnique, "komt meer dan eens voor");
  }
  object.keys.emplace_back(name);
  return doc_.Key(s, n, copy);
}

// Every value passes here first: the root must be an object, and an array counts its items.
bool LimitedHandler::Value(bool is_object) {
  if (frames_.empty()) {
    return is_object || Fail("$", codes::kType, "moet een JSON-object zijn");
  }

  Frame& top = frames_.back();
  if (top.is_array && ++top.count > limits_.max_array_items) {
    return Fail(Path(frames_.size() - 1), codes::kMaxItems,
                "mag hoogstens " + std::to_string(limits_.max_array_items) + " elementen bevatten");
  }
  return true;
}

bool LimitedHandler::Open(bool is_array) {
  if (!Value(!is_array)) {
    return false;
  }

  if (frames_.size() >= max_depth_) {
    return Fail(Path(frames_.size()), codes::kMaxDepth,
                "is dieper genest dan " + std::to_string(max_depth_) + " niveaus");
  }
  frames_.push_back(Frame{is_array, 0, {}, {}});
  return true;
}

bool LimitedHandler::Close() {
  frames_.pop_back();
  return true;
}

bool LimitedHandler::CheckText(std::string_view text, size_t depth, bool is_key) {
  if (text.size() > limits_.max_string_bytes) {
    std::string bytes = std::to_string(limits_.max_string_bytes) + " bytes";
    return Fail(Path(depth), codes::kMaxLength,
                is_key ? "heeft een veldnaam langer dan " + bytes : "is langer dan " + bytes);
  }
  // Also catches a lone low surrogate escape (\uDC00), which RapidJSON decodes to bytes that
  // are not UTF-8.
  if (!internal::IsValidUtf8(text)) {
    return Fail(Path(depth), codes::kInvalidUtf8,
                is_key ? "heeft een veldnaam die geen geldige UTF-8 is" : "is geen geldige UTF-8");
  }
  // U+0000 is valid JSON, but it would cut the text short in every C API downstream.
  if (text.find('\0') != std::string_view::npos) {
    return Fail(Path(depth), codes::kFormat,
                is_key ? "heeft een veldnaam met een NUL-teken" : "bevat een NUL-teken");
  }
  return true;
}

// The path of the position that the first depth frames point at: "$", "a.b", "a[2].c".
std::string LimitedHandler::Path(size_t depth) const {
  std::string path;
  for (size_t i = 0; i < depth; ++i) {
    const Frame& frame = frames_[i];
    if (frame.is_array) {
      path += "[" + std::to_string(frame.count - 1) + "]";
    } else {
      path += (path.empty() ? "" : ".") + frame.key;
    }
  }
  return path.empty() ? "$" : path;
}

bool LimitedHandler::Fail(std::string path, const char* code, std::string reason) {
  problem_ = FieldProblem{std::move(path), code, std::move(reason)};
  return false;
}

const char* DescribeSyntaxError(rapidjson::ParseErrorCode code) {
  switch (code) {
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return "er staat nog tekst na het object";
    case rapidjson::kParseErrorValueInvalid:
      return "ongeldige waarde";
    case rapidjson::kParseErrorObjectMissName:
      return "veldnaam ontbreekt";
    case rapidjson::kParseErrorObjectMissColon:
      return "dubbele punt ontbreekt na een veldnaam";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      return "komma of '}' ontbreekt";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      return "komma of ']' ontbreekt";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      return "ongeldige \\u-escape";
    case rapidjson::kParseErrorStringEscapeInvalid:
      return "ongeldige escape of onge-escapet stuurteken in een tekst";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "afsluitend aanhalingsteken ontbreekt";
    case rapidjson::kParseErrorNumberTooBig:
      return "getal is te groot";
    case rapidjson::kParseErrorNumberMissFraction:
      return "cijfers ontbreken na de decimale punt";
    case rapidjson::kParseErrorNumberMissExponent:
      return "cijfers ontbreken in de exponent";
    default:
      return "onbekende syntaxfout";
  }
}

Status SyntaxProblem(const rapidjson::ParseResult& result, size_t size) {
  std::string at = " (bij byte " + std::to_string(result.Offset()) + ")";
  switch (result.Code()) {
    case rapidjson::kParseErrorDocumentEmpty:
      return Status::InvalidField("$", codes::kSyntax, "is leeg");
    case rapidjson::kParseErrorStringInvalidEncoding:
      return Status::InvalidField("$", codes::kInvalidUtf8, "is geen geldige UTF-8" + at);
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return Status::InvalidField("$", codes::kInvalidUtf8, "bevat een los surrogaat" + at);
    default:
      break;
  }

  if (result.Offset() >= size) {
    return Status::InvalidField("$", codes::kSyntax, "is onvolledig: de JSON houdt te vroeg op");
  }
  return Status::InvalidField(
      "$", codes::kSyntax,
      std::string("is geen geldige JSON: ") + DescribeSyntaxError(result.Code()) + at);
}

}  // namespace

Result<rapidjson::Document> ParseObject(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status(Code::kTooLarge,
                  "De invoer is groter dan " + std::to_string(limits.max_bytes) + " bytes.");
  }

  // RapidJSON reads a NUL byte as the end of the input, so "{}\0rest" would pass.
  size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return Status::InvalidField("$", codes::kSyntax,
                                "bevat een NUL-byte (bij byte " + std::to_string(nul) + ")");
  }

  rapidjson::ParseResult result;
  std::optional<FieldProblem> problem;
  auto generate = [&](rapidjson::Document& target) {
    LimitedHandler handler(target, limits);
    rapidjson::MemoryStream stream(text.data(), text.size());
    rapidjson::Reader reader;
    result = reader.Parse<kParseFlags>(stream, handler);
    problem = handler.problem();
    return !result.IsError();
  };
  rapidjson::Document doc;
  doc.Populate(generate);

  if (problem) {
    return Status::InvalidField(problem->name, problem->code, problem->reason);
  }
  if (result.IsError()) {
    return SyntaxProblem(result, text.size());
  }
  return Result<rapidjson::Document>(std::move(doc));
}

}  // namespace vc::json
