#include "planner/pattern_matcher.hpp"

namespace gg {

PatternMatcher::PatternMatcher(const std::string& pattern) : regex_(pattern) {}

bool PatternMatcher::matches(std::string_view text) const {
  return std::regex_search(text.begin(), text.end(), regex_);
}

}  // namespace gg
