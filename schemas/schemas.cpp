#include "schemas/schemas.hpp"

#include <algorithm>
#include <utility>

namespace gg::schemas_embedded {
extern const std::pair<std::string_view, std::string_view> kSchemas[];
extern const int kSchemaCount;
}  // namespace gg::schemas_embedded

namespace gg {

std::optional<std::string_view> embedded_schema(std::string_view file_name) {
  for (int i = 0; i < schemas_embedded::kSchemaCount; ++i) {
    if (schemas_embedded::kSchemas[i].first == file_name)
      return schemas_embedded::kSchemas[i].second;
  }
  return std::nullopt;
}

std::vector<std::string_view> embedded_schema_names() {
  std::vector<std::string_view> names;
  for (int i = 0; i < schemas_embedded::kSchemaCount; ++i) {
    names.push_back(schemas_embedded::kSchemas[i].first);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace gg
