#pragma once
// GlitchTip's cursor pagination (docs/glitchtip-api.md §3.4). A list answer carries a Link header
// with a "previous" and a "next" entry; the next entry says results="true" while more pages
// follow. Since v4.0.10 the whole value may be wrapped as a Python set literal {'...'}.
// Link URLs are absolute and built from the Host the server saw; the client only takes
// their path and query and sends them to its own configured base URL, and refuses a URL
// naming another host, so the token never goes anywhere else.

#include <optional>
#include <string>
#include <string_view>

#include "planner/result.hpp"

namespace gg::glitchtip {

// The rel="next" URL when the header says more results follow; nullopt on the last page
// (results="false") or when there is no next entry.
std::optional<std::string> next_page_url(std::string_view link_header);

// The path and query of `link_url` as a path under `base_url` (for a base with a path
// prefix such as https://host/glitchtip, the prefix is removed). An error when the URL
// cannot be parsed or names a host other than the base's.
Result<std::string> resolve_link(std::string_view base_url, std::string_view link_url);

// The `cursor` query parameter of a path, or the whole query when there is none; used to
// notice a server that sends the same page twice.
std::string cursor_of(std::string_view path);

}  // namespace gg::glitchtip
