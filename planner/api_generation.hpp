#pragma once
// The two generations of GlitchTip's API (docs/glitchtip-api.md §2) by the names people and
// files use: the keyword of definitions and plan files (`apiGeneration: drf`) and the phrase
// messages use. Parsed and printed here only.

#include <string>
#include <string_view>

#include "planner/state.hpp"

namespace gg {

// "automatic", "drf" or "ninja": what `apiGeneration` holds in definitions and plan files.
std::string_view api_generation_keyword(ApiGeneration generation);

// The generation a keyword names; anything else (absent, "automatic") is automatic, since
// the schemas allow nothing else.
ApiGeneration api_generation_from_keyword(std::string_view keyword);

// For a person: "the django-ninja API (GlitchTip 4.1 or later)".
std::string api_generation_description(ApiGeneration generation);

}  // namespace gg
