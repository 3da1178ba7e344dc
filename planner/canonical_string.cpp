#include "planner/canonical_string.hpp"

#include <algorithm>

#include "planner/canonical_json.hpp"

namespace gg {

void append_canonical_string(std::string& out, std::string_view text) {
  // Printable ASCII other than '"' and '\\' is written as is by nlohmann::json (no escape,
  // no UTF-8 check); anything else goes through its serializer, so the bytes stay its own.
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
  });
  if (!plain) {
    out += canonical_json(nlohmann::json(text));
    return;
  }
  out.push_back('"');
  out.append(text);
  out.push_back('"');
}

}  // namespace gg
