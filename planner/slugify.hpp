#pragma once
// slugify as GlitchTip (Django) does it, docs/design.md §2.2: NFKD, drop non-ASCII, lower-case,
// keep letters, digits, '_', '-' and white space, fold runs of white space and '-' into
// one '-', strip leading and trailing '-' and '_'. "Ünïcödé Café" -> "unicode-cafe".

#include <string>
#include <string_view>

namespace gg {

// Returns the slug; empty when nothing survives (such a name needs an explicit slug).
// Input that is not valid UTF-8 gives an empty slug.
std::string slugify(std::string_view name);

// The slug GlitchTip gives a new project of this name when nothing in the organization has
// it, docs/glitchtip-api.md §6: slugify cut to 50 characters, trailing '-' and '_' stripped
// again. One exception the caller must handle: GlitchTip 3.3 and later turn `new` into
// `new-1` (older ones keep `new`), so `new` is ambiguous (kReservedProjectSlug).
std::string project_slug(std::string_view name);
inline constexpr std::string_view kReservedProjectSlug = "new";

}  // namespace gg
