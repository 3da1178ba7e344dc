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

}  // namespace gg
