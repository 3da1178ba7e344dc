#include "providers/definitions/yaml_document.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <regex>

namespace gg::definitions {

namespace {

Position position_of_mark(const YAML::Mark& mark) {
  return Position{mark.line + 1, mark.column + 1};
}

bool is_all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YAML 1.2 core schema resolution of a plain scalar.
nlohmann::json plain_scalar(const std::string& text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  const std::string_view digits =
      (text[0] == '-' || text[0] == '+') ? std::string_view(text).substr(1) : text;
  if (is_all_digits(digits)) {
    int64_t value = 0;
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
    return text;
  }
  const char first = text[0];
  if (!(std::isdigit(static_cast<unsigned char>(first)) || first == '.' || first == '-' ||
        first == '+')) {
    return text;
  }
  static const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (std::regex_match(text, kFloat)) return std::stod(text);
  return text;
}

// The number of values `node` expands to, aliases counted at every use; stops counting
// past `budget`, so that an alias bomb costs no more than the budget.
size_t expanded_size(const YAML::Node& node, size_t budget) {
  size_t size = 1;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) {
      if (size > budget) break;
      size += expanded_size(item, budget - size);
    }
  } else if (node.IsMap()) {
    for (const auto& member : node) {
      if (size > budget) break;
      size += 1 + expanded_size(member.second, budget - size);
    }
  }
  return size;
}

constexpr char kSeparator = '\x1f';

// Converts a YAML node to JSON, noting positions under the path key of each value; `key`
// is the path key of the node being converted, extended and restored while descending.
struct Converter {
  YamlDocument& document;
  Problems& problems;
  std::string key;

  nlohmann::json convert(const YAML::Node& node) {
    document.value_positions.emplace(key, position_of_mark(node.Mark()));
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nullptr;
      case YAML::NodeType::Scalar:
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return node.Scalar();
        return plain_scalar(node.Scalar());
      case YAML::NodeType::Sequence: {
        nlohmann::json array = nlohmann::json::array();
        const size_t length = key.size();
        for (size_t i = 0; i < node.size(); ++i) {
          key.append(std::to_string(i)).push_back(kSeparator);
          array.push_back(convert(node[i]));
          key.resize(length);
        }
        return array;
      }
      case YAML::NodeType::Map:
        return convert_map(node);
    }
    return nullptr;
  }

  nlohmann::json convert_map(const YAML::Node& node) {
    nlohmann::json object = nlohmann::json::object();
    const size_t length = key.size();
    for (const auto& member : node) {
      if (!member.first.IsScalar()) {
        problems.push_back(Problem{document.file, position_of_mark(member.first.Mark()), "",
                                   "a map key must be a plain name", ""});
        continue;
      }
      const std::string& name = member.first.Scalar();
      if (object.contains(name)) {
        problems.push_back(Problem{document.file, position_of_mark(member.first.Mark()), "",
                                   "field `" + name + "` is given twice", "keep one of them"});
        continue;
      }
      key.append(name).push_back(kSeparator);
      document.key_positions.emplace(key, position_of_mark(member.first.Mark()));
      object[name] = convert(member.second);
      key.resize(length);
    }
    return object;
  }
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
    if (const auto it = value_positions.find(key); it != value_positions.end()) {
      return it->second;
    }
    if (key.empty()) return start;
    key.pop_back();  // the separator ending the last segment
    key.resize(key.rfind(kSeparator) == std::string::npos ? 0 : key.rfind(kSeparator) + 1);
  }
}

Position YamlDocument::key_position_of(const JsonPath& path) const {
  if (const auto it = key_positions.find(path_key(path)); it != key_positions.end()) {
    return it->second;
  }
  return position_of(path);
}

ParsedFile parse_yaml_file(const std::string& shown, const std::string& relative,
                           const std::string& text) {
  ParsedFile parsed;
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(text);
  } catch (const YAML::Exception& error) {
    parsed.problems.push_back(Problem{shown, position_of_mark(error.mark), "",
                                      "malformed YAML: " + error.msg,
                                      "fix the syntax at this position"});
    return parsed;
  }
  size_t budget = kMaxNodesPerFile;
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].IsNull()) continue;
    const size_t size = expanded_size(nodes[i], budget);
    if (size > budget) {
      parsed.problems.push_back(Problem{shown, position_of_mark(nodes[i].Mark()), "",
                                        "the file expands to more than " +
                                            std::to_string(kMaxNodesPerFile) +
                                            " values (YAML aliases?)",
                                        "write the definitions without deeply nested aliases"});
      return parsed;
    }
    budget -= size;
    YamlDocument document;
    document.file = shown;
    document.relative = relative;
    document.index = static_cast<int>(i);
    document.start = position_of_mark(nodes[i].Mark());
    Converter converter{document, parsed.problems, {}};
    try {
      document.content = converter.convert(nodes[i]);
    } catch (const YAML::Exception& error) {
      parsed.problems.push_back(
          Problem{shown, position_of_mark(error.mark), "", "malformed YAML: " + error.msg, ""});
      return parsed;
    }
    parsed.documents.push_back(std::move(document));
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
