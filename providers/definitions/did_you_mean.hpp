#pragma once
// Suggestions for misspelt names: the closest candidate within a small edit distance.

#include <string>
#include <string_view>
#include <vector>

namespace gg::definitions {

// Levenshtein distance, case-insensitive.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when it is close enough to be a likely typo (at most
// 2 edits, and at most half the word); empty otherwise.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "did you mean `x`?" when there is a close match, else "expected one of: a, b, c".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gg::definitions
