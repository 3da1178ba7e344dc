#pragma once
// A JSON Schema "pattern", compiled once and matched many times. valijson runs every pattern
// through std::regex_search, whose backtracking executor costs about as much per value as
// parsing the value did. The schemas' patterns are all anchored (^...$, or ^... for a
// prefix) strings of character classes, groups and quantifiers: those are compiled here to a small
// automaton (a Thompson NFA made deterministic, so that matching is a table lookup a character),
// which gives the same answer as std::regex_search in the C locale. Any other pattern (a `.`, a
// back-reference,
// `\d`, a top-level `|`, ...) keeps std::regex, so the answer never depends on what this file
// understands.

#include <array>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace gg {

class PatternMatcher {
 public:
  // Throws std::regex_error as std::regex does for a pattern it cannot compile.
  explicit PatternMatcher(const std::string& pattern);

  // What std::regex_search(text, std::regex(pattern)) answers.
  bool matches(std::string_view text) const;

  // True when the pattern is matched by the automaton rather than by std::regex (tests).
  bool compiled() const { return regex_ == nullptr; }

  // States either automaton may have; a pattern needing more (a large {n,m}) keeps
  // std::regex.
  static constexpr size_t kStateLimit = 512;

 private:
  using CharSet = std::array<bool, 256>;
  struct State {
    int set = -1;            // index into sets_ of the characters leading to `next`; -1: none
    int next = -1;           // state after one character of `set`
    std::vector<int> empty;  // states reached without consuming a character
  };
  struct Fragment;
  struct Parser;

  int add_state();
  void closure(int state, std::vector<int>& into, std::vector<unsigned>& seen, unsigned mark) const;
  bool make_dfa();

  std::vector<State> states_;
  std::vector<CharSet> sets_;
  int start_ = -1;
  int accept_ = -1;
  std::array<uint16_t, 256> byte_class_{};  // DFA: bytes taken and left by the same sets
  size_t class_count_ = 0;
  std::vector<int> transitions_;       // DFA: [state * class_count_ + class] -> state, -1: none
  std::vector<bool> accepting_;        // DFA: per state
  bool anchored_end_ = true;           // false: a prefix of the text may match
  std::unique_ptr<std::regex> regex_;  // the fallback
};

}  // namespace gg
