#include "planner/duplicate_json_key.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <set>
#include <utility>
#include <vector>

namespace gg {
namespace {

using nlohmann::json;

// A SAX reader that follows the path to the current value and stops at the first key an
// object already has.
class DuplicateKeyFinder : public nlohmann::json_sax<json> {
 public:
  std::optional<std::string> duplicate() && { return std::move(duplicate_); }

  bool null() override { return value(); }
  bool boolean(bool /*value*/) override { return value(); }
  bool number_integer(number_integer_t /*value*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return value(); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return value(); }
  bool string(string_t& /*value*/) override { return value(); }
  bool binary(binary_t& /*value*/) override { return value(); }
  bool start_object(std::size_t /*elements*/) override {
    value();
    frames_.push_back({true, {}, {}, 0});
    return true;
  }
  bool key(string_t& key) override {
    Frame& frame = frames_.back();
    frame.segment = key;
    if (frame.keys.insert(key).second) return true;
    duplicate_ = pointer();
    return false;
  }
  bool end_object() override { return end(); }
  bool start_array(std::size_t /*elements*/) override {
    value();
    frames_.push_back({false, {}, {}, 0});
    return true;
  }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) override {
    return false;
  }

 private:
  struct Frame {
    bool is_object = false;
    std::set<std::string> keys;
    std::string segment;  // the key or index of the value being read
    std::size_t next_index = 0;
  };

  bool value() {
    if (!frames_.empty() && !frames_.back().is_object) {
      frames_.back().segment = std::to_string(frames_.back().next_index++);
    }
    return true;
  }
  bool end() {
    frames_.pop_back();
    return true;
  }
  std::string pointer() const {
    json::json_pointer pointer;
    for (const Frame& frame : frames_) pointer.push_back(frame.segment);
    return pointer.to_string();
  }

  std::vector<Frame> frames_;
  std::optional<std::string> duplicate_;
};

// nlohmann's own DOM builder (detail::json_sax_dom_parser) with the duplicate check in
// key(): its lookup is one search of the object being built, not a set of the keys so far.
class NotingDomBuilder {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  explicit NotingDomBuilder(JsonDocument& document) : document_(document) {}

  bool null() { return add(nullptr); }
  bool boolean(bool scalar) { return add(scalar); }
  bool number_integer(number_integer_t scalar) { return add(scalar); }
  bool number_unsigned(number_unsigned_t scalar) { return add(scalar); }
  bool number_float(number_float_t scalar, const string_t& /*text*/) { return add(scalar); }
  bool string(string_t& scalar) { return add(scalar); }
  bool binary(binary_t& scalar) { return add(std::move(scalar)); }
  bool start_object(std::size_t /*elements*/) {
    open(json::value_t::object);
    return true;
  }
  bool key(string_t& key) {
    json& object = *stack_.back().value;
    stack_.back().key = key;
    if (!document_.duplicate && object.contains(key)) document_.duplicate = pointer();
    member_ = &object[key];  // the last of two equal keys wins, as with json::parse
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*elements*/) {
    open(json::value_t::array);
    return true;
  }
  bool end_array() { return close(); }
  // Throws the very exception json::parse would (a parse_error or an out_of_range).
  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& error) {
    throw error;
  }

 private:
  struct Frame {
    json* value = nullptr;
    std::string key;  // an object's key being read
  };

  // Puts a new value where the parser is: the root, the next item, or the member just named.
  template <typename Value>
  json* place(Value&& made) {
    if (stack_.empty()) {
      document_.value = json(std::forward<Value>(made));
      return &document_.value;
    }
    json& parent = *stack_.back().value;
    if (parent.is_array()) {
      parent.emplace_back(std::forward<Value>(made));
      return &parent.back();
    }
    *member_ = json(std::forward<Value>(made));
    return member_;
  }
  template <typename Value>
  bool add(Value&& made) {
    place(std::forward<Value>(made));
    return true;
  }
  void open(json::value_t type) { stack_.push_back({place(type), {}}); }
  bool close() {
    stack_.pop_back();
    return true;
  }
  std::string pointer() const {
    json::json_pointer pointer;
    for (const Frame& frame : stack_) {
      pointer.push_back(frame.value->is_array() ? std::to_string(frame.value->size() - 1)
                                                : frame.key);
    }
    return pointer.to_string();
  }

  JsonDocument& document_;
  std::vector<Frame> stack_;
  json* member_ = nullptr;
};

}  // namespace

JsonDocument parse_json_noting_duplicate_key(std::string_view text) {
  JsonDocument document;
  NotingDomBuilder builder(document);
  json::sax_parse(text, &builder);
  return document;
}

std::optional<std::string> find_duplicate_json_key(std::string_view text) {
  DuplicateKeyFinder finder;
  json::sax_parse(text, &finder);
  return std::move(finder).duplicate();
}

}  // namespace gg
