#include "domain/rules.h"

namespace vc::registration {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return !s.empty();
}

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::optional<std::string> NormalizePostcode(std::string_view text) {
  if (text.size() != 6 && !(text.size() == 7 && text[4] == ' ')) return std::nullopt;
  std::string_view digits = text.substr(0, 4);
  std::string_view letters = text.substr(text.size() - 2);
  if (!AllDigits(digits) || digits[0] == '0') return std::nullopt;

  std::string out(digits);
  out.push_back(' ');
  for (char c : letters) {
    char u = Upper(c);
    if (u < 'A' || u > 'Z') return std::nullopt;
    out.push_back(u);
  }
  std::string_view pair(out.data() + 5, 2);
  if (pair == "SA" || pair == "SD" || pair == "SS") return std::nullopt;
  return out;
}

bool IsEmail(std::string_view text) {
  if (text.size() > 254) return false;
  size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  std::string_view domain = text.substr(at + 1);
  size_t dot = domain.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

bool IsPhone(std::string_view text) {
  size_t digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 10 && digits <= 15;
}

bool IsKvkNumber(std::string_view text) {
  return text.size() == 8 && AllDigits(text) && text != "00000000";
}

bool IsCbsCode(std::string_view text) { return text.size() == 4 && AllDigits(text); }

bool IsClockTime(std::string_view text) {
  if (text.size() != 5 || text[2] != ':' || !AllDigits(text.substr(0, 2)) ||
      !AllDigits(text.substr(3, 2))) {
    return false;
  }
  int hours = (text[0] - '0') * 10 + (text[1] - '0');
  int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  return hours < 24 && minutes < 60;
}

bool IsPostcodeArea(std::string_view text) {
  return text.size() == 4 && AllDigits(text) && text[0] != '0';
}

const std::vector<std::string>& Skills() {
  static const std::vector<std::string> kSkills = {
      "administratie", "boodschappen", "coaching", "digitale-hulp", "evenementen", "financien",
      "gezelschap",    "ict",          "kinderen", "klussen",       "koken",       "muziek",
      "ouderen",       "schoonmaak",   "sport",    "taalles",       "tuinieren",   "vertalen",
      "vervoer",       "voorlezen",    "zorg"};
  return kSkills;
}

const std::vector<std::string>& Weekdays() {
  static const std::vector<std::string> kDays = {"ma", "di", "wo", "do", "vr", "za", "zo"};
  return kDays;
}

const std::vector<std::string>& DayParts() {
  static const std::vector<std::string> kParts = [] {
    std::vector<std::string> parts;
    for (const std::string& day : Weekdays()) {
      for (const char* part : {"ochtend", "middag", "avond"}) parts.push_back(day + "-" + part);
    }
    return parts;
  }();
  return kParts;
}

const std::vector<std::string>& Languages() {
  static const std::vector<std::string> kLanguages = {"ar", "bg", "de", "en",  "es", "fa", "fr",
                                                      "fy", "it", "nl", "pap", "pl", "pt", "ro",
                                                      "ru", "so", "ti", "tr",  "uk", "zh"};
  return kLanguages;
}

}  // namespace vc::registration
