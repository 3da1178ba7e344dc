#include "providers/definitions/yaml_document.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <utility>

namespace gg::definitions {

namespace {

Position position_of_mark(const YAML::Mark& mark) {
  return Position{mark.line + 1, mark.column + 1};
}

bool is_all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A plain scalar that may be null or a boolean: its first character says (most scalars are
// names and addresses, which are decided here without a comparison).
bool may_be_word(char first) {
  switch (first) {
    case '~':
    case 'n':
    case 'N':
    case 't':
    case 'T':
    case 'f':
    case 'F':
      return true;
    default:
      return false;
  }
}

// YAML 1.2 core schema resolution of a plain scalar.
nlohmann::json plain_scalar(const std::string& text) {
  if (text.empty()) return nullptr;
  const char first = text[0];
  if (may_be_word(first)) {
    if (text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    return text;
  }
  if (!(std::isdigit(static_cast<unsigned char>(first)) || first == '.' || first == '-' ||
        first == '+')) {
    return text;
  }
  const std::string_view digits =
      (first == '-' || first == '+') ? std::string_view(text).substr(1) : text;
  if (is_all_digits(digits)) {
    int64_t value = 0;
    const char* begin = text.data() + (first == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
    return text;
  }
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, kFloat)) return std::stod(text);
  return text;
}

// A quoted scalar ("!") or an explicit !!str: a string whatever it reads like.
bool is_string_tag(const std::string& tag) {
  if (tag.size() == 1) return tag[0] == '!';
  return tag == "tag:yaml.org,2002:str";
}

constexpr char kSeparator = '\x1f';

std::string expansion_message() {
  return "the file expands to more than " + std::to_string(kMaxNodesPerFile) +
         " values (YAML aliases?)";
}

// Builds each document's JSON, and the position of every value and key, straight from the
// YAML parser's events: no node graph is built (it cost as much as the parsing), and aliases
// are expanded by copying their anchor's JSON, counted against the file's budget first, so
// an alias bomb stops at the budget. Used one document at a time: HandleNextDocument, then
// take().
class DocumentBuilder : public YAML::EventHandler {
 public:
  DocumentBuilder(std::string shown, Problems& problems)
      : shown_(std::move(shown)), problems_(problems) {}

  // The document just handled (nullopt when it was empty or null), and whether it was a
  // lone null at `mark`: yaml-cpp 0.7 returns such a document forever on a token it cannot
  // start a document with (a stray ',', ']' or '}'), without consuming it.
  struct Handled {
    std::optional<YamlDocument> document;
    std::optional<YAML::Mark> lone_null;
  };
  Handled take() {
    Handled handled;
    handled.lone_null = lone_null_;
    if (root_ && !root_->is_null()) {
      document_.content = std::move(*root_);
      document_.value_positions.seal();
      document_.key_positions.seal();
      handled.document = std::move(document_);
    }
    return handled;
  }
  // True once the file passed kMaxNodesPerFile values, or an alias named its own container;
  // the builder then ignores every event.
  bool over_budget() const { return over_budget_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    document_ = YamlDocument{};
    document_.file = shown_;
    document_.start = position_of_mark(mark);
    root_.reset();
    lone_null_.reset();
    frames_.clear();
    captures_.clear();
    anchors_.clear();
    key_.clear();
    skip_depth_ = 0;
    events_ = 0;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (++events_ == 1 && frames_.empty()) lone_null_ = mark;
    if (ignoring()) return;
    if (anchor != 0) anchors_[anchor] = Anchor{nullptr, {}, 1, {}};
    if (at_key()) return refuse_key(mark, false);
    if (skipping_value()) return;
    if (!begin_value(mark, 1)) return;
    deliver(nullptr);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& text) override {
    ++events_;
    if (ignoring()) return;
    // A key is only a name: no JSON value is made for it unless an alias may repeat it.
    if (anchor == 0 && at_key()) return accept_key(mark, text);
    nlohmann::json value = is_string_tag(tag) ? nlohmann::json(text) : plain_scalar(text);
    if (anchor != 0) anchors_[anchor] = Anchor{value, {}, 1, text};
    if (at_key()) return accept_key(mark, text);
    if (skipping_value()) return;
    if (!begin_value(mark, 1)) return;
    deliver(std::move(value));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++events_;
    if (ignoring()) return;
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      // The anchor's value is still open: an alias inside the value it names would expand
      // without end (yaml-cpp's node graph had a cycle here, and the process overflowed
      // its stack).
      return stop(mark, "malformed YAML: an alias refers to the value that contains it",
                  "an alias can only repeat a value that is complete where it is used");
    }
    const Anchor& named = found->second;
    if (at_key()) {
      if (named.scalar_text) return accept_key(mark, *named.scalar_text);
      return refuse_key(mark, false);
    }
    if (skipping_value()) return;
    if (!begin_value(mark, named.size)) return;
    const std::string base = key_;
    for (const Entry& entry : named.entries) {
      record(entry.is_key, base + entry.relative, entry.position);
    }
    deliver(named.value);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    start_collection(mark, anchor, nlohmann::json::array());
  }
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    start_collection(mark, anchor, nlohmann::json::object());
  }
  void OnSequenceEnd() override { end_collection(); }
  void OnMapEnd() override { end_collection(); }

 private:
  struct Entry {
    std::string relative;  // path key below the anchored value
    Position position;
    bool is_key = false;
  };
  struct Anchor {
    nlohmann::json value;
    std::vector<Entry> entries;              // below the value (the value's own is the alias's)
    size_t size = 1;                         // values it expands to
    std::optional<std::string> scalar_text;  // a scalar's text, for use as a map key
  };
  // An anchored collection being read: the positions below it are noted for its aliases.
  struct Capture {
    YAML::anchor_t anchor = 0;
    size_t base = 0;  // key_.size() at the collection
    std::vector<Entry> entries;
    size_t counted_before = 0;
  };
  struct Frame {
    nlohmann::json value;   // array or object being filled
    size_t key_length = 0;  // key_.size() of this collection's own path
    YAML::anchor_t anchor = 0;
    size_t next_index = 0;      // sequence: index of the next item
    bool expecting_key = true;  // map: the next event is a key
    bool skip_value = false;    // map: the key was refused, its value is dropped
    std::string member;         // map: key of the value being read
  };

  // Over budget, or inside a dropped collection.
  bool ignoring() const { return over_budget_ || skip_depth_ > 0; }
  bool at_key() const {
    return skip_depth_ == 0 && !frames_.empty() && frames_.back().value.is_object() &&
           frames_.back().expecting_key;
  }
  // A refused key's value (a scalar, null or alias) is dropped here; a collection is
  // dropped by start_collection.
  bool skipping_value() {
    if (frames_.empty() || !frames_.back().value.is_object() || !frames_.back().skip_value) {
      return false;
    }
    frames_.back().skip_value = false;
    frames_.back().expecting_key = true;
    return true;
  }

  void accept_key(const YAML::Mark& mark, const std::string& name) {
    Frame& frame = frames_.back();
    frame.expecting_key = false;
    if (frame.value.contains(name)) {
      problems_.push_back(Problem{shown_, position_of_mark(mark), "",
                                  "field `" + name + "` is given twice", "keep one of them"});
      frame.skip_value = true;
      return;
    }
    if (!count(mark, 1)) return;
    frame.member = name;
    key_.append(name).push_back(kSeparator);
    record(true, key_, position_of_mark(mark));
  }
  // A key that is not a scalar: refused with its value. `collection`: the key is a sequence
  // or map whose events follow, to be skipped first.
  void refuse_key(const YAML::Mark& mark, bool collection) {
    problems_.push_back(
        Problem{shown_, position_of_mark(mark), "", "a map key must be a plain name", ""});
    Frame& frame = frames_.back();
    frame.expecting_key = false;
    frame.skip_value = true;
    if (collection) skip_depth_ = 1;
  }

  // Notes the value starting at `mark` (its path segment, position and count); false once
  // over budget.
  bool begin_value(const YAML::Mark& mark, size_t size) {
    if (!frames_.empty() && frames_.back().value.is_array()) {
      key_.append(std::to_string(frames_.back().next_index)).push_back(kSeparator);
    }
    if (!count(mark, size)) return false;
    if (frames_.empty()) document_.start = position_of_mark(mark);  // where the root begins
    record(false, key_, position_of_mark(mark));
    return true;
  }

  bool count(const YAML::Mark& mark, size_t size) {
    counted_ += size;
    if (counted_ <= kMaxNodesPerFile) return true;
    stop_expansion(mark);
    return false;
  }
  void stop_expansion(const YAML::Mark& mark) {
    stop(mark, expansion_message(), "write the definitions without deeply nested aliases");
  }
  // Reports the problem and ignores the rest of the file.
  void stop(const YAML::Mark& mark, const std::string& message, const std::string& hint) {
    if (over_budget_) return;
    over_budget_ = true;
    problems_.push_back(Problem{shown_, position_of_mark(mark), "", message, hint});
  }

  void record(bool is_key, const std::string& key, Position position) {
    PositionIndex& positions = is_key ? document_.key_positions : document_.value_positions;
    positions.add(key, position);
    for (Capture& capture : captures_) {
      capture.entries.push_back(Entry{key.substr(capture.base), position, is_key});
    }
  }

  void start_collection(const YAML::Mark& mark, YAML::anchor_t anchor, nlohmann::json empty) {
    ++events_;
    if (over_budget_) return;
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    if (at_key()) return refuse_key(mark, true);
    if (!frames_.empty() && frames_.back().value.is_object() && frames_.back().skip_value) {
      // The value of a refused key: dropped, then the map expects its next key.
      frames_.back().skip_value = false;
      frames_.back().expecting_key = true;
      skip_depth_ = 1;
      return;
    }
    const size_t counted_before = counted_;
    if (!begin_value(mark, 1)) return;
    if (anchor != 0) captures_.push_back(Capture{anchor, key_.size(), {}, counted_before});
    Frame frame;
    frame.value = std::move(empty);
    frame.key_length = key_.size();
    frame.anchor = anchor;
    frames_.push_back(std::move(frame));
  }

  void end_collection() {
    if (over_budget_) return;
    if (skip_depth_ > 0) {
      --skip_depth_;  // a refused key's collection leaves skip_value set: its value is next
      return;
    }
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (frame.anchor != 0 && !captures_.empty() && captures_.back().anchor == frame.anchor) {
      Capture capture = std::move(captures_.back());
      captures_.pop_back();
      anchors_[frame.anchor] =
          Anchor{frame.value, std::move(capture.entries), counted_ - capture.counted_before, {}};
    }
    deliver(std::move(frame.value));
  }
  // A complete value: into its collection, or the document's root.
  void deliver(nlohmann::json value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& parent = frames_.back();
    if (parent.value.is_array()) {
      parent.value.push_back(std::move(value));
      ++parent.next_index;
    } else {
      parent.value[parent.member] = std::move(value);
      parent.expecting_key = true;
    }
    key_.resize(parent.key_length);
  }

  const std::string shown_;
  Problems& problems_;
  YamlDocument document_;
  std::optional<nlohmann::json> root_;
  std::optional<YAML::Mark> lone_null_;
  std::vector<Frame> frames_;
  std::vector<Capture> captures_;
  std::map<YAML::anchor_t, Anchor> anchors_;
  std::string key_;     // path key of the value being read
  int skip_depth_ = 0;  // > 0: inside a dropped collection
  size_t events_ = 0;   // events of the current document
  size_t counted_ = 0;  // values of the whole file, aliases expanded
  bool over_budget_ = false;
};

}  // namespace

std::string path_key(const JsonPath& path) {
  std::string key;
  for (const std::string& segment : path) key.append(segment).push_back(kSeparator);
  return key;
}

Position YamlDocument::position_of(const JsonPath& path) const {
  std::string key = path_key(path);
  while (true) {
    if (const std::optional<Position> found = value_positions.find(key)) return *found;
    if (key.empty()) return start;
    key.pop_back();  // the separator ending the last segment
    key.resize(key.rfind(kSeparator) == std::string::npos ? 0 : key.rfind(kSeparator) + 1);
  }
}

Position YamlDocument::key_position_of(const JsonPath& path) const {
  if (const std::optional<Position> found = key_positions.find(path_key(path))) return *found;
  return position_of(path);
}

ParsedFile parse_yaml_file(const std::string& shown, const std::string& relative,
                           const std::string& text) {
  ParsedFile parsed;
  std::istringstream input(text);
  DocumentBuilder builder(shown, parsed.problems);
  std::optional<YAML::Mark> previous_lone_null;
  try {
    YAML::Parser parser(input);
    for (int index = 0; parser.HandleNextDocument(builder); ++index) {
      if (builder.over_budget()) return parsed;
      DocumentBuilder::Handled handled = builder.take();
      if (handled.lone_null && previous_lone_null &&
          handled.lone_null->pos == previous_lone_null->pos) {
        // yaml-cpp 0.7 (jbeder/yaml-cpp#1319) would hand out this empty document forever.
        parsed.problems.push_back(Problem{shown, position_of_mark(*handled.lone_null), "",
                                          "malformed YAML: a document cannot start here",
                                          "remove the stray ',', ']' or '}' at this position"});
        return parsed;
      }
      previous_lone_null = handled.lone_null;
      if (!handled.document) continue;
      handled.document->relative = relative;
      handled.document->index = index;
      parsed.documents.push_back(std::move(*handled.document));
    }
  } catch (const YAML::Exception& error) {
    // The syntax error alone: what the documents before it said is noise until it is fixed.
    parsed.documents.clear();
    parsed.problems.clear();
    parsed.problems.push_back(Problem{shown, position_of_mark(error.mark), "",
                                      "malformed YAML: " + error.msg,
                                      "fix the syntax at this position"});
  }
  return parsed;
}

std::string display_path(const JsonPath& path) {
  std::string text;
  for (const std::string& segment : path) {
    if (is_all_digits(segment) && !text.empty()) {
      text += "[" + segment + "]";
    } else {
      text += (text.empty() ? "" : ".") + segment;
    }
  }
  return text;
}

}  // namespace gg::definitions
