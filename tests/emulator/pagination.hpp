#pragma once
// Cursor pagination as GlitchTip does it (docs/glitchtip-api.md §3.4): `cursor` and `limit` query
// parameters, a bare JSON array body, and the Link, X-Hits and X-Max-Hits headers. The cursor
// is base64 of `o=<offset>` (plus `&r=1` for a previous-page cursor): opaque to clients.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gg::emulator {

struct PageRequest {
  size_t offset = 0;
  size_t limit = 50;
};

// Reads `cursor` and `limit` (raw query values; empty when absent). nullopt: invalid cursor.
// ninja clamps limit to 100; both fall back to 50 for a missing, zero or junk limit.
std::optional<PageRequest> parse_page_request(const std::string& cursor, const std::string& limit,
                                              bool ninja);

struct Page {
  size_t begin = 0;  // the page is [begin, end) of the full, sorted list
  size_t end = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

// `target` is the request's path and raw query; `host` its Host header.
Page paginate(size_t total, const PageRequest& request, const std::string& host,
              const std::string& target, bool ninja);

}  // namespace gg::emulator
