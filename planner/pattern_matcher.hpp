#pragma once
// A JSON Schema "pattern", compiled once and matched many times. valijson compiles and runs
// every pattern through std::regex on each validation; the schemas are validated for every
// document, so the pattern is compiled here once per schema and shared by its copies.
// std::regex_search's backtracking executor stays the cost of a match: a faster engine
// (RE2, a Debian package) is the next step if a profile asks for it (docs/performance.md).

#include <regex>
#include <string>
#include <string_view>

namespace gg {

class PatternMatcher {
 public:
  // Throws std::regex_error as std::regex does for a pattern it cannot compile.
  explicit PatternMatcher(const std::string& pattern);

  // What std::regex_search(text, std::regex(pattern)) answers.
  bool matches(std::string_view text) const;

 private:
  std::regex regex_;
};

}  // namespace gg
