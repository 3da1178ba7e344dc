#include "providers/glitchtip/key_dsns.hpp"

#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {

std::optional<KeyDsn> key_dsn_from(const GenerationApi& api, const nlohmann::json& item) {
  const std::optional<Key> key = api.key_from(item);
  if (!key || !item.contains("dsn") || !item["dsn"].is_object()) return std::nullopt;
  KeyDsn found{key->label, key->created, text_field(item["dsn"], "public"),
               text_field(item["dsn"], "security")};
  if (found.dsn.empty()) return std::nullopt;
  return found;
}

}  // namespace gg::glitchtip
