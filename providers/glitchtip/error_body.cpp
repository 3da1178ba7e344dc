#include "providers/glitchtip/error_body.hpp"

#include <nlohmann/json.hpp>

namespace gg::glitchtip {
namespace {

using nlohmann::json;

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!text.empty()) text += "; ";
    text += part;
  }
  return text;
}

std::string text_of(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::vector<std::string> parts;
    for (const auto& item : value) parts.push_back(text_of(item));
    return joined(parts);
  }
  return value.dump();
}

// ninja's validation error: loc is ["body", "payload", "field"]; the last entry names it.
std::string validation_item(const json& item) {
  if (!item.is_object()) return text_of(item);
  std::string field;
  if (const auto loc = item.find("loc"); loc != item.end() && loc->is_array() && !loc->empty()) {
    field = text_of(loc->back());
  }
  const std::string message = item.contains("msg") ? text_of(item["msg"]) : item.dump();
  return field.empty() ? message : field + ": " + message;
}

std::string message_of(const json& body) {
  if (body.is_array()) return text_of(body);
  if (!body.is_object()) return text_of(body);
  for (const char* key : {"detail", "message"}) {
    const auto found = body.find(key);
    if (found == body.end()) continue;
    if (found->is_array()) {
      std::vector<std::string> parts;
      for (const auto& item : *found) parts.push_back(validation_item(item));
      return joined(parts);
    }
    return text_of(*found);
  }
  std::vector<std::string> parts;
  for (const auto& [field, messages] : body.items()) {
    parts.push_back(field + ": " + text_of(messages));
  }
  return joined(parts);
}

std::string summary_of_text(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  body.remove_prefix(first);
  if (body.starts_with("<")) return "an HTML page instead of a JSON answer";
  const auto line_end = body.find_first_of("\r\n");
  std::string line(body.substr(0, line_end));
  if (line.size() > 200) {
    line.resize(200);
    line += "...";
  }
  return line;
}

}  // namespace

std::string glitchtip_message(std::string_view body) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return summary_of_text(body);
  return message_of(parsed);
}

}  // namespace gg::glitchtip
