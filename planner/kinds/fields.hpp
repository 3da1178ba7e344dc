#pragma once
// Reading and wording one managed field, shared by every kind (planner/kinds/kinds.hpp).
// Readers are lenient: a missing or mistyped key gives the field's default, because the
// JSON they read was written by this tool (plan files and snapshots are validated against
// their schemas before they are read).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace gg::fields {

// The string at `key`, or "" when `json` is not an object or the key is missing or not text.
std::string text(const nlohmann::json& json, const char* key);
// The strings at `key`, sorted and unique; non-strings are skipped.
std::vector<std::string> sorted_strings(const nlohmann::json& json, const char* key);
// The boolean at `key`; false when missing.
bool flag(const nlohmann::json& json, const char* key);
// The integer at `key`, or `fallback`.
int integer(const nlohmann::json& json, const char* key, int fallback);

// Sorted; sorted_unique also drops repeats. Fingerprints sort without dropping, so that
// their bytes stay as they always were.
std::vector<std::string> sorted(std::vector<std::string> values);
std::vector<std::string> sorted_unique(std::vector<std::string> values);
bool contains(const std::vector<std::string>& values, const std::string& value);

// Drift words: "name changed from A to B" ("(none)" for empty values).
std::string field_change(const std::string& what, const std::string& from, const std::string& to);
// Drift words: "teams changed: added a, b; removed c".
std::string list_change(const std::string& what, const std::vector<std::string>& recorded,
                        const std::vector<std::string>& live);
// Precondition words: "role is now owner, the plan expected member".
std::string expected(const std::string& what, const std::string& now, const std::string& then);
// "a, b, c".
std::string joined(const std::vector<std::string>& values);

// Plan words: "name "A" → "B", platform python → django": the fields that differ between
// an action's before and after, in key order ("pending" is not a field one changes).
std::string changes_text(const nlohmann::json& before, const nlohmann::json& after);
// Plan words: "name "Apollo", platform python, team nasa-pilots": the fields a create sets,
// leaving out "slug", nulls, empty strings and the fields `is_default` says are unset.
std::string fields_text(const nlohmann::json& after,
                        bool (*is_default)(const std::string& key, const nlohmann::json& value));
// `head`, then `glue` and `detail` when there is a detail.
std::string with_detail(std::string head, const std::string& detail, const char* glue);

}  // namespace gg::fields
