// Field rules of the Dutch domain: postcodes, e-mail, phone numbers, KvK numbers, CBS codes,
// and the controlled vocabularies (skills, day parts, languages). Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vc::registration {

// "1234AB", "1234 ab" -> "1234 AB"; nullopt unless four digits (not starting with 0) and two
// letters (SA, SD and SS are never issued).
std::optional<std::string> NormalizePostcode(std::string_view text);

// A pragmatic check: one '@', a non-empty local part, a dotted domain, no white space.
bool IsEmail(std::string_view text);

// Dutch or international phone number: digits with an optional leading '+', spaces and
// dashes allowed; 10 to 15 digits.
bool IsPhone(std::string_view text);

// Eight digits, not all zero (the KvK has published no check digit for its numbers).
bool IsKvkNumber(std::string_view text);

// Four digits: the CBS municipality code, e.g. "0363" for Amsterdam.
bool IsCbsCode(std::string_view text);

// "HH:MM", 00:00..23:59.
bool IsClockTime(std::string_view text);

// The four digits of a postcode, e.g. "1011" (a wijk is a set of these).
bool IsPostcodeArea(std::string_view text);

// A normaliser for values that are checked but kept as they are.
template <bool (*Check)(std::string_view)>
std::optional<std::string> Verbatim(std::string_view text) {
  if (!Check(text)) return std::nullopt;
  return std::string(text);
}

const std::vector<std::string>& Skills();    // vaardigheden, also used for interests
const std::vector<std::string>& DayParts();  // "ma-ochtend" .. "zo-avond"
const std::vector<std::string>& Weekdays();  // "ma" .. "zo"
const std::vector<std::string>&
Languages();  // ISO 639-1 codes, and ISO 639-3 where there is none (pap)

}  // namespace vc::registration
