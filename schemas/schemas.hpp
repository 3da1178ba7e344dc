#pragma once
// The JSON Schemas of schemas/, compiled into the binary.

#include <optional>
#include <string_view>
#include <vector>

namespace gg {

// The text of schemas/<file_name>, e.g. "team.schema.json"; nullopt when there is none.
std::optional<std::string_view> embedded_schema(std::string_view file_name);

// Every embedded schema's file name, sorted.
std::vector<std::string_view> embedded_schema_names();

}  // namespace gg
