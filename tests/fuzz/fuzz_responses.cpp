// Fuzzes the readers of GlitchTip's answers (both API generations): any body, as a list, a
// page ({"results": [...]}) or a single object, through every model reader. None may throw
// or crash: a field of the wrong type reads as empty.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/responses.hpp"

namespace {

void read_item(const nlohmann::json& item) {
  (void)gg::glitchtip::organization_from(item);
  (void)gg::glitchtip::team_from(item);
  (void)gg::glitchtip::project_from(item);
  (void)gg::glitchtip::member_from(item);
  (void)gg::glitchtip::generation_from_root(item);
  (void)gg::glitchtip::text_field(item, "id");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto body =
      gg::glitchtip::parse_body(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!body) return 0;
  read_item(*body);
  const nlohmann::json* items = &*body;
  if (body->is_object() && body->contains("results")) items = &(*body)["results"];
  if (items->is_array()) {
    for (const auto& item : *items) read_item(item);
  }
  return 0;
}
