// Fuzzes the Link header parser and the resolution of its URL against a base URL. The
// oracle: a resolved link is a path (starts with '/'), so the request can only go to the
// configured host, and it never holds a control character.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "providers/glitchtip/link_header.hpp"

namespace {

void check_path(const gg::Result<std::string>& resolved) {
  if (!resolved.ok()) return;
  const std::string& path = resolved.value();
  if (path.empty() || path.front() != '/') std::abort();
  if (path.size() > 1 && path[1] == '/') std::abort();  // "//host/..." names another host
  for (const char c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  const auto next = gg::glitchtip::next_page_url(header);
  if (next) {
    check_path(gg::glitchtip::resolve_link("https://glitchtip.example.com", *next));
    check_path(gg::glitchtip::resolve_link("https://glitchtip.example.com/glitchtip/", *next));
  }
  // The input as a link URL and as a path, too.
  check_path(gg::glitchtip::resolve_link("http://127.0.0.1:8000", header));
  (void)gg::glitchtip::cursor_of(header);
  return 0;
}
