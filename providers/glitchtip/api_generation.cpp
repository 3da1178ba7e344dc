#include "providers/glitchtip/api_generation.hpp"

namespace gg::glitchtip {

const GenerationApi& api_of(ApiGeneration generation) {
  return generation == ApiGeneration::ninja ? ninja_api() : drf_api();
}

std::optional<ApiGeneration> generation_from_root(const nlohmann::json& root) {
  if (!root.is_object()) return std::nullopt;
  const auto auth = root.find("auth");
  if (auth == root.end() || !auth->is_object()) return std::nullopt;
  // ninja first: its auth object also lists scopes.
  for (const GenerationApi* api : {&ninja_api(), &drf_api()}) {
    if (api->root_auth_is_ours(*auth)) return api->generation();
  }
  return std::nullopt;
}

ApiGeneration generation_from_organization_id(const nlohmann::json& id) {
  return id.is_number() == drf_api().organization_ids_are_numbers() ? ApiGeneration::drf
                                                                    : ApiGeneration::ninja;
}

}  // namespace gg::glitchtip
