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

}  // namespace

std::optional<std::string> find_duplicate_json_key(std::string_view text) {
  DuplicateKeyFinder finder;
  json::sax_parse(text, &finder);
  return std::move(finder).duplicate();
}

}  // namespace gg
