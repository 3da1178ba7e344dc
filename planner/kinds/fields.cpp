#include "planner/kinds/fields.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace gg::fields {
namespace {

using nlohmann::json;

constexpr std::string_view kArrow = " \u2192 ";  // →

// A field's value for people: roles, platforms, slugs and monitor types bare, other strings
// quoted.
std::string value_text(const std::string& key, const json& value) {
  if (value.is_null()) return "none";
  if (value.is_string()) {
    if (key == "type" || key == "project") {  // monitors: a monitor's project may be none
      return value.get<std::string>().empty() ? "none" : value.get<std::string>();
    }
    if (key == "role" || key == "platform" || key == "team" || key == "slug") {
      return value.get<std::string>();
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string text(const json& json, const char* key) {
  if (!json.is_object()) return {};
  const auto found = json.find(key);
  return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::vector<std::string> sorted_strings(const json& json, const char* key) {
  std::vector<std::string> values;
  if (!json.is_object()) return values;
  const auto found = json.find(key);
  if (found == json.end() || !found->is_array()) return values;
  for (const auto& item : *found) {
    if (item.is_string()) values.push_back(item.get<std::string>());
  }
  return sorted_unique(std::move(values));
}

bool flag(const json& json, const char* key) {
  if (!json.is_object()) return false;
  const auto found = json.find(key);
  return found != json.end() && found->is_boolean() && found->get<bool>();
}

int integer(const json& json, const char* key, int fallback) {
  if (!json.is_object()) return fallback;
  const auto found = json.find(key);
  return found != json.end() && found->is_number_integer() ? found->get<int>() : fallback;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  values = sorted(std::move(values));
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

std::string list_change(const std::string& what, const std::vector<std::string>& recorded,
                        const std::vector<std::string>& live) {
  std::vector<std::string> added;
  std::vector<std::string> removed;
  for (const std::string& value : live) {
    if (!contains(recorded, value)) added.push_back(value);
  }
  for (const std::string& value : recorded) {
    if (!contains(live, value)) removed.push_back(value);
  }
  std::string text = what + " changed";
  if (!added.empty()) text += ": added " + joined(added);
  if (!removed.empty()) text += (added.empty() ? ": removed " : "; removed ") + joined(removed);
  return text;
}

std::string field_change(const std::string& what, const std::string& from, const std::string& to) {
  return what + " changed from " + (from.empty() ? "(none)" : from) + " to " +
         (to.empty() ? "(none)" : to);
}

std::string expected(const std::string& what, const std::string& now, const std::string& then) {
  return what + " is now " + (now.empty() ? "(none)" : now) + ", the plan expected " +
         (then.empty() ? "(none)" : then);
}

std::string changes_text(const json& before, const json& after) {
  std::set<std::string> keys;
  for (const json* side : {&before, &after}) {
    if (side->is_object()) {
      for (const auto& item : side->items()) keys.insert(item.key());
    }
  }
  const json null_value;
  std::string text;
  for (const std::string& key : keys) {
    if (key == "pending") continue;
    const json& old_value =
        before.is_object() && before.contains(key) ? before.at(key) : null_value;
    const json& new_value = after.is_object() && after.contains(key) ? after.at(key) : null_value;
    if (old_value == new_value) continue;
    if (!text.empty()) text += ", ";
    text +=
        key + " " + value_text(key, old_value) + std::string(kArrow) + value_text(key, new_value);
  }
  return text;
}

std::string fields_text(const json& after,
                        bool (*is_default)(const std::string& key, const json& value)) {
  std::string text;
  if (!after.is_object()) return text;
  for (const auto& item : after.items()) {
    if (item.key() == "slug" || item.value().is_null()) continue;
    if (is_default != nullptr && is_default(item.key(), item.value())) continue;
    if (item.value().is_string() && item.value().get<std::string>().empty()) continue;
    if (!text.empty()) text += ", ";
    text += item.key() + " " + value_text(item.key(), item.value());
  }
  return text;
}

std::string with_detail(std::string head, const std::string& detail, const char* glue) {
  if (!detail.empty()) head += std::string(glue) + detail;
  return head;
}

}  // namespace gg::fields
