#include "planner/pattern_matcher.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace gg {

namespace {

constexpr size_t kMaxStates = PatternMatcher::kStateLimit;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// \s as std::regex has it for char in the C locale (std::isspace).
void add_space(std::array<bool, 256>& set) {
  for (const char c : {' ', '\t', '\n', '\v', '\f', '\r'})
    set[static_cast<unsigned char>(c)] = true;
}

}  // namespace

// A parsed pattern: an atom (a set of characters, or a group of alternative sequences)
// repeated min..max times (max -1: without bound).
struct Atom {
  bool group = false;
  std::array<bool, 256> set{};
  std::vector<std::vector<Atom>> alternatives;
  int min = 1;
  int max = 1;
};

struct PatternMatcher::Fragment {
  int start;
  int end;  // has no edge out yet
};

// Parses the subset this file compiles; any other construct makes it fail (nullopt), and the
// pattern goes to std::regex.
struct PatternMatcher::Parser {
  std::string_view text;
  size_t at = 0;

  bool done() const { return at >= text.size(); }
  char peek() const { return text[at]; }

  // The pattern after its '^'; `anchored_end`: it ended in '$' (else a prefix of the text
  // is enough, as std::regex_search has it).
  static std::optional<std::vector<Atom>> parse(std::string_view pattern, bool& anchored_end) {
    for (const char c : pattern) {
      if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
    }
    if (pattern.empty() || pattern.front() != '^') return std::nullopt;
    anchored_end = pattern.size() >= 2 && pattern.back() == '$';
    Parser parser{pattern.substr(1, pattern.size() - (anchored_end ? 2 : 1))};
    // A trailing "\$" is an escaped dollar, not the anchor.
    size_t backslashes = 0;
    while (backslashes < parser.text.size() &&
           parser.text[parser.text.size() - 1 - backslashes] == '\\') {
      ++backslashes;
    }
    if (anchored_end && backslashes % 2 == 1) return std::nullopt;
    std::vector<std::vector<Atom>> alternatives;
    if (!parser.sequence(false, alternatives) || !parser.done() || alternatives.size() != 1) {
      return std::nullopt;
    }
    return std::move(alternatives.front());
  }

  bool sequence(bool in_group, std::vector<std::vector<Atom>>& alternatives) {
    alternatives.emplace_back();
    while (!done() && peek() != ')') {
      if (peek() == '|') {
        if (!in_group) return false;  // ^a|b$ is (^a)|(b$): left to std::regex
        ++at;
        alternatives.emplace_back();
        continue;
      }
      Atom atom;
      if (!this->atom(atom) || !quantifier(atom)) return false;
      alternatives.back().push_back(std::move(atom));
    }
    return true;
  }

  bool atom(Atom& atom) {
    const char c = text[at++];
    switch (c) {
      case '(':
        if (!done() && peek() == '?') return false;
        atom.group = true;
        if (!sequence(true, atom.alternatives) || done() || peek() != ')') return false;
        ++at;
        return true;
      case '[':
        return character_class(atom.set);
      case '\\':
        if (done()) return false;
        if (peek() == 's') {
          ++at;
          add_space(atom.set);
          return true;
        }
        if (is_alnum(peek())) return false;  // \d, \w, \b, back-references, ...
        atom.set[static_cast<unsigned char>(text[at++])] = true;
        return true;
      case '.':
      case '^':
      case '$':
      case '*':
      case '+':
      case '?':
      case '{':
      case '}':
      case ']':
      case ')':
      case '|':
        return false;
      default:
        atom.set[static_cast<unsigned char>(c)] = true;
        return true;
    }
  }

  // One character of a class, escapes included; false for what this file leaves to
  // std::regex (\d, [:alpha:], ...). `space`: the item was \s.
  bool class_character(char& c, bool& space) {
    space = false;
    c = text[at++];
    if (c == '[') return false;
    if (c != '\\') return true;
    if (done()) return false;
    c = text[at++];
    if (c == 's') {
      space = true;
      return true;
    }
    return !is_alnum(c);
  }

  bool character_class(std::array<bool, 256>& set) {
    bool negated = false;
    if (!done() && peek() == '^') {
      negated = true;
      ++at;
    }
    if (done() || peek() == ']') return false;  // [] and [^]: left to std::regex
    bool first = true;
    while (!done() && peek() != ']') {
      if (peek() == '-') {
        ++at;
        // A '-' is itself only first or last.
        if (!first && (done() || peek() != ']')) return false;
        set['-'] = true;
        first = false;
        continue;
      }
      char low = 0;
      bool space = false;
      if (!class_character(low, space)) return false;
      first = false;
      if (space) {
        add_space(set);
        if (!done() && peek() == '-' && at + 1 < text.size() && text[at + 1] != ']') return false;
        continue;
      }
      if (!done() && peek() == '-' && at + 1 < text.size() && text[at + 1] != ']') {
        ++at;
        char high = 0;
        if (!class_character(high, space) || space || high < low) return false;
        for (int b = static_cast<unsigned char>(low); b <= static_cast<unsigned char>(high); ++b) {
          set[static_cast<size_t>(b)] = true;
        }
        continue;
      }
      set[static_cast<unsigned char>(low)] = true;
    }
    if (done()) return false;
    ++at;  // ']'
    if (negated) {
      for (bool& member : set) member = !member;
    }
    return true;
  }

  bool number(int& value) {
    const size_t begin = at;
    value = 0;
    while (!done() && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      if (value > static_cast<int>(kMaxStates)) return false;
      ++at;
    }
    return at > begin;
  }

  bool quantifier(Atom& atom) {
    if (done()) return true;
    switch (peek()) {
      case '*':
        atom.min = 0;
        atom.max = -1;
        ++at;
        break;
      case '+':
        atom.min = 1;
        atom.max = -1;
        ++at;
        break;
      case '?':
        atom.min = 0;
        atom.max = 1;
        ++at;
        break;
      case '{': {
        ++at;
        if (!number(atom.min) || done()) return false;
        atom.max = atom.min;
        if (peek() == ',') {
          ++at;
          atom.max = -1;
          if (!done() && peek() != '}' && (!number(atom.max) || atom.max < atom.min)) return false;
        }
        if (done() || peek() != '}') return false;
        ++at;
        break;
      }
      default:
        return true;
    }
    // A lazy (*?) or doubled quantifier: left to std::regex.
    return done() || (peek() != '?' && peek() != '*' && peek() != '+' && peek() != '{');
  }
};

int PatternMatcher::add_state() {
  states_.emplace_back();
  return static_cast<int>(states_.size() - 1);
}

PatternMatcher::PatternMatcher(const std::string& pattern) {
  const std::optional<std::vector<Atom>> parsed = Parser::parse(pattern, anchored_end_);
  // Thompson's construction; every fragment ends in a state without edges, linked later.
  struct Build {
    PatternMatcher& m;
    void link(int from, int to) { m.states_[static_cast<size_t>(from)].empty.push_back(to); }
    Fragment atom(const Atom& atom) {
      const int start = m.add_state();
      const int end = m.add_state();
      if (!atom.group) {
        m.sets_.push_back(atom.set);
        m.states_[static_cast<size_t>(start)].set = static_cast<int>(m.sets_.size() - 1);
        m.states_[static_cast<size_t>(start)].next = end;
        return {start, end};
      }
      for (const std::vector<Atom>& alternative : atom.alternatives) {
        const Fragment inner = sequence(alternative);
        link(start, inner.start);
        link(inner.end, end);
      }
      return {start, end};
    }
    Fragment repeated(const Atom& atom) {
      const int start = m.add_state();
      int end = start;
      for (int i = 0; i < atom.min && m.states_.size() <= kMaxStates; ++i) {
        const Fragment once = this->atom(atom);
        link(end, once.start);
        end = once.end;
      }
      if (atom.max < 0) {
        const int loop = m.add_state();
        link(end, loop);
        const Fragment once = this->atom(atom);
        link(loop, once.start);
        link(once.end, loop);
        return {start, loop};
      }
      for (int i = atom.min; i < atom.max && m.states_.size() <= kMaxStates; ++i) {
        const Fragment once = this->atom(atom);
        const int after = m.add_state();
        link(end, once.start);
        link(end, after);
        link(once.end, after);
        end = after;
      }
      return {start, end};
    }
    Fragment sequence(const std::vector<Atom>& atoms) {
      const int start = m.add_state();
      int end = start;
      for (const Atom& atom : atoms) {
        const Fragment next = repeated(atom);
        link(end, next.start);
        end = next.end;
        if (m.states_.size() > kMaxStates) return {start, end};
      }
      return {start, end};
    }
  };
  if (parsed) {
    const Fragment whole = Build{*this}.sequence(*parsed);
    start_ = whole.start;
    accept_ = whole.end;
  }
  if (!parsed || states_.size() > kMaxStates || !make_dfa()) {
    transitions_.clear();
    accepting_.clear();
    regex_ = std::make_unique<std::regex>(pattern);
  }
  states_.clear();  // only the DFA is matched with
  sets_.clear();
}

void PatternMatcher::closure(int state, std::vector<int>& into, std::vector<unsigned>& seen,
                             unsigned mark) const {
  if (seen[static_cast<size_t>(state)] == mark) return;
  seen[static_cast<size_t>(state)] = mark;
  into.push_back(state);
  for (const int next : states_[static_cast<size_t>(state)].empty) closure(next, into, seen, mark);
}

// The subset construction: each state of the DFA is the set of NFA states one prefix of the
// text can be in, so matching is one table lookup a character. false when the DFA would
// have more than kStateLimit states.
bool PatternMatcher::make_dfa() {
  std::vector<unsigned> seen(states_.size(), 0);
  unsigned mark = 0;
  std::map<std::vector<int>, int> ids;
  std::vector<std::vector<int>> sets;
  const auto id_of = [&](std::vector<int> set) {
    std::sort(set.begin(), set.end());
    const auto [found, added] = ids.emplace(set, static_cast<int>(sets.size()));
    if (added) sets.push_back(std::move(set));
    return found->second;
  };
  // Bytes that every character set takes or leaves alike lead to the same states: one
  // column of the table for each such class of bytes.
  std::map<std::vector<bool>, int> classes;
  std::vector<size_t> representative;  // a byte of each class
  for (size_t byte = 0; byte < 256; ++byte) {
    std::vector<bool> signature;
    signature.reserve(sets_.size());
    for (const CharSet& set : sets_) signature.push_back(set[byte]);
    const auto [found, added] = classes.emplace(signature, static_cast<int>(classes.size()));
    if (added) representative.push_back(byte);
    byte_class_[byte] = static_cast<uint16_t>(found->second);
  }
  class_count_ = representative.size();
  std::vector<int> first;
  closure(start_, first, seen, ++mark);
  id_of(std::move(first));
  for (size_t dfa_state = 0; dfa_state < sets.size(); ++dfa_state) {
    if (sets.size() > kStateLimit) return false;
    const std::vector<int> set = sets[dfa_state];  // a copy: `sets` grows below
    accepting_.push_back(std::find(set.begin(), set.end(), accept_) != set.end());
    for (const size_t byte : representative) {
      std::vector<int> next;
      ++mark;
      for (const int state : set) {
        const State& at = states_[static_cast<size_t>(state)];
        if (at.set >= 0 && sets_[static_cast<size_t>(at.set)][byte]) {
          closure(at.next, next, seen, mark);
        }
      }
      transitions_.push_back(next.empty() ? -1 : id_of(std::move(next)));
    }
  }
  return true;
}

bool PatternMatcher::matches(std::string_view text) const {
  if (regex_) return std::regex_search(text.begin(), text.end(), *regex_);
  size_t state = 0;
  for (const char c : text) {
    if (!anchored_end_ && accepting_[state]) return true;  // a prefix matched
    const int next =
        transitions_[state * class_count_ + byte_class_[static_cast<unsigned char>(c)]];
    if (next < 0) return false;
    state = static_cast<size_t>(next);
  }
  return accepting_[state];
}

}  // namespace gg
