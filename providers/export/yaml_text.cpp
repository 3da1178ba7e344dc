#include "providers/export/yaml_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace gg::exporting {
namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Characters that are never an indicator in a plain scalar, inside flow collections too.
bool is_plain_safe(char c) {
  return is_letter(c) || is_digit(c) || c == ' ' || c == '.' || c == '_' || c == '-' || c == '@' ||
         c == '+' || c == '/' || c == '(' || c == ')';
}

// Words YAML 1.1 or 1.2 read as booleans or null when plain.
bool is_reserved_word(std::string_view text) {
  static constexpr std::array<std::string_view, 11> kWords = {
      "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~", "nan"};
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool can_be_plain(std::string_view text) {
  if (text.empty() || !is_letter(text.front()) || text.back() == ' ') return false;
  if (!std::all_of(text.begin(), text.end(), is_plain_safe)) return false;
  return !is_reserved_word(text);
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  if (can_be_plain(text)) return std::string(text);
  // A JSON string is a valid YAML double-quoted scalar (its escapes are a subset of YAML's).
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace gg::exporting
