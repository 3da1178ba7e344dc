#pragma once
// One string as canonical JSON (planner/canonical_json.hpp), written without making a JSON
// value of it: for text built field by field where making a document first would cost more
// than the writing (the digest of a plan of 100,000 actions).

#include <string>
#include <string_view>

namespace gg {

// Appends canonical_json(nlohmann::json(text)) to `out`: the same bytes.
void append_canonical_string(std::string& out, std::string_view text);

}  // namespace gg
