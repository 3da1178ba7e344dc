#include "providers/definitions/schema_validation.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <cctype>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include "planner/json_schema.hpp"
#include "providers/definitions/did_you_mean.hpp"
#include "schemas/schemas.hpp"

namespace gg::definitions {

namespace {

// A value as JSON text for a message. YAML escapes ("\uD800") can put bytes that are not
// UTF-8 into a string; they are shown replaced rather than thrown on.
std::string as_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string schema_file_of(std::string kind) {
  for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kind + ".schema.json";
}

// The schema node with local "$ref"s ("#/definitions/x") resolved.
const nlohmann::json& resolved(const nlohmann::json& root, const nlohmann::json& node) {
  if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
    const std::string ref = node["$ref"];
    if (ref.starts_with('#')) {
      const nlohmann::json::json_pointer pointer(ref.substr(1));
      if (root.contains(pointer)) return resolved(root, root.at(pointer));
    }
  }
  return node;
}

// The schema that applies to the value at `path`, and that value; nullptr when unknown.
struct SchemaAndValue {
  const nlohmann::json* schema = nullptr;
  const nlohmann::json* value = nullptr;
};

SchemaAndValue schema_at(const nlohmann::json& root, const nlohmann::json& value,
                         const JsonPath& path) {
  const nlohmann::json* schema = &resolved(root, root);
  const nlohmann::json* current = &value;
  for (const std::string& segment : path) {
    if (current->is_array() && schema->contains("items")) {
      const size_t index = std::strtoul(segment.c_str(), nullptr, 10);
      if (index >= current->size()) return {};
      schema = &resolved(root, (*schema)["items"]);
      current = &(*current)[index];
    } else if (current->is_object() && current->contains(segment) &&
               schema->contains("properties") && (*schema)["properties"].contains(segment)) {
      schema = &resolved(root, (*schema)["properties"][segment]);
      current = &(*current)[segment];
    } else {
      return {};
    }
  }
  return {schema, current};
}

std::string type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "empty";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::object:
      return "a map";
    default:
      return "a value";
  }
}

std::string schema_type_name(const std::string& type) {
  if (type == "integer") return "an integer";
  if (type == "number") return "a number";
  if (type == "boolean") return "true or false";
  if (type == "array") return "a list";
  if (type == "object") return "a map";
  return "a string";
}

std::string joined(const nlohmann::json& values) {
  std::string text;
  for (const auto& value : values) {
    text += (text.empty() ? "" : ", ") +
            (value.is_string() ? value.get<std::string>() : as_text(value));
  }
  return text;
}

std::string quoted_name(const std::string& description) {
  const size_t last = description.rfind('\'');
  const size_t first = last == std::string::npos ? last : description.rfind('\'', last - 1);
  if (first == std::string::npos) return "";
  return description.substr(first + 1, last - first - 1);
}

bool is_token_path(const JsonPath& path) {
  return !path.empty() && path.front() == "token";
}

bool is_email_field(const JsonPath& path) {
  return !path.empty() && (path.back() == "email" || path.back() == "automationUserEmail");
}

// The schema-derived sentence for one valijson error at `path`, or "" to drop it (wrapper
// errors that only repeat a nested one, and unknown fields, which are reported separately).
struct Wording {
  std::string message;
  std::string hint;
};

Wording word_error(const std::string& description, const nlohmann::json& schema,
                   const nlohmann::json& value, const JsonPath& path) {
  const std::string field = "`" + display_path(path) + "`";
  const bool secret = is_token_path(path);
  const std::string shown = secret ? "" : ", not " + as_text(value);
  const std::string hint = schema.value("description", "");
  const bool type_error = description.rfind("Value type not permitted", 0) == 0;
  if (schema.contains("anyOf") && !type_error) return {field + " is not valid" + shown, hint};
  if (description.rfind("Missing required property", 0) == 0) {
    const std::string name = quoted_name(description);
    std::string required_hint;
    if (schema.contains("properties") && schema["properties"].contains(name)) {
      required_hint = schema["properties"][name].value("description", "");
    }
    return {"missing required field `" + name + "`", required_hint};
  }
  if (type_error) {
    if (path == JsonPath{"token"} && value.is_string()) {
      return {"a token is never written in the definitions; use {env: VAR} or {file: PATH}",
              "put the token in an environment variable or a file, and name it here"};
    }
    return {field + " must be " + schema_type_name(schema.value("type", "string")) + ", not " +
                type_name(value),
            hint};
  }
  if (description.rfind("Failed to match against any enum values", 0) == 0 &&
      schema.contains("enum")) {
    return {field + " must be one of " + joined(schema["enum"]) + shown, ""};
  }
  if (description.rfind("Failed to validate against any schemas allowed by anyOf", 0) == 0) {
    return {field + " is not valid" + shown, hint};
  }
  if (description.rfind("Expected number", 0) == 0) {
    if (schema.contains("minimum") && schema.contains("maximum")) {
      return {field + " must be between " + as_text(schema["minimum"]) + " and " +
                  as_text(schema["maximum"]) + shown,
              hint};
    }
    return {field + " is out of range" + shown, hint};
  }
  if (description.rfind("Array should contain no fewer than", 0) == 0) {
    return {field + " needs at least " + as_text(schema.value("minItems", nlohmann::json(1))) +
                " entry",
            hint};
  }
  if (description.rfind("Array contains at least one duplicate", 0) == 0 ||
      description.rfind("Elements at indexes", 0) == 0) {
    return {field + " lists an entry twice", "remove the duplicate"};
  }
  if (description.rfind("String should be no fewer than", 0) == 0) {
    return {field + " must not be empty", hint};
  }
  if (description.rfind("Failed to match regex", 0) == 0) {
    if (is_email_field(path)) return {field + " is not an e-mail address" + shown, ""};
    return {field + " is not valid" + shown, hint};
  }
  if (description.rfind("Object should have no more than", 0) == 0 && secret) {
    return {"`token` takes one of env or file, not both", ""};
  }
  if (description.rfind("Object should have no fewer than", 0) == 0 && secret) {
    return {"`token` needs env or file", "write token: {env: VAR} or token: {file: PATH}"};
  }
  if (description.rfind("Failed to validate", 0) == 0 ||
      description.rfind("Object contains a property", 0) == 0) {
    return {};
  }
  return {field + ": " + description, hint};
}

JsonPath path_of_context(const std::vector<std::string>& context) {
  JsonPath path;
  for (size_t i = 1; i < context.size(); ++i) {
    const std::string& segment = context[i];
    path.push_back(segment.size() >= 2 ? segment.substr(1, segment.size() - 2) : segment);
  }
  return path;
}

// Every key not allowed by its object's schema; valijson names only the first of them.
// `refs` remembers each schema node's resolution: a list's items share one "$ref", which
// would otherwise be parsed as a JSON pointer and looked up again for every item.
void find_unknown_fields(const nlohmann::json& root, const nlohmann::json& schema,
                         const nlohmann::json& value, JsonPath& path,
                         std::vector<std::pair<JsonPath, std::vector<std::string>>>& found,
                         std::unordered_map<const nlohmann::json*, const nlohmann::json*>& refs) {
  if (!value.is_object() && !value.is_array()) return;  // nothing below it to check
  const auto [cached, added] = refs.emplace(&schema, nullptr);
  if (added) cached->second = &resolved(root, schema);
  const nlohmann::json& node = *cached->second;
  const auto properties = node.find("properties");
  if (value.is_object() && properties != node.end()) {
    for (const auto& [key, member] : value.items()) {
      path.push_back(key);
      if (const auto property = properties->find(key); property != properties->end()) {
        find_unknown_fields(root, *property, member, path, found, refs);
      } else if (node.value("additionalProperties", true) == false) {
        // The names a "did you mean" picks from, made only when a field is unknown.
        std::vector<std::string> known;
        for (const auto& allowed : properties->items()) known.push_back(allowed.key());
        found.emplace_back(path, std::move(known));
      }
      path.pop_back();
    }
  } else if (const auto items = node.find("items"); value.is_array() && items != node.end()) {
    for (size_t i = 0; i < value.size(); ++i) {
      path.push_back(std::to_string(i));
      find_unknown_fields(root, *items, value[i], path, found, refs);
      path.pop_back();
    }
  }
}

}  // namespace

const std::vector<std::string>& definition_kinds() {
  static const std::vector<std::string> kKinds = {"Instance", "Organization", "Team",   "Project",
                                                  "Role",     "User",         "Monitor"};
  return kKinds;
}

SchemaValidator::SchemaValidator() : validator_(std::make_unique<valijson::Validator>()) {
  for (const std::string& kind : definition_kinds()) {
    const std::optional<std::string_view> text = embedded_schema(schema_file_of(kind));
    if (!text) continue;
    KindSchema schema;
    schema.text = nlohmann::json::parse(*text);
    schema.compiled = std::make_unique<valijson::Schema>();
    compile_json_schema(schema.text, *schema.compiled);
    schemas_.emplace(kind, std::move(schema));
  }
}

SchemaValidator::~SchemaValidator() = default;

Problems SchemaValidator::validate(const YamlDocument& document, const std::string& kind,
                                   const std::string& object) {
  Problems problems;
  const auto found = schemas_.find(kind);
  if (found == schemas_.end()) return problems;
  KindSchema& schema = found->second;

  std::vector<std::pair<JsonPath, std::vector<std::string>>> unknown;
  JsonPath root_path;
  find_unknown_fields(schema.text, schema.text, document.content, root_path, unknown,
                      schema.resolved_refs);
  for (const auto& [path, known] : unknown) {
    const std::string hint = is_token_path(path) ? "write token: {env: VAR} or token: {file: PATH}"
                                                 : suggestion(path.back(), known);
    problems.push_back(Problem{document.file, document.key_position_of(path), object,
                               "unknown field `" + display_path(path) + "`", hint});
  }

  valijson::ValidationResults results;
  validator_->validate(*schema.compiled, valijson::adapters::NlohmannJsonAdapter(document.content),
                       &results);
  std::set<std::pair<JsonPath, std::string>> seen;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    const JsonPath path = path_of_context(error.context);
    const SchemaAndValue at = schema_at(schema.text, document.content, path);
    if (at.schema == nullptr) continue;
    Wording wording = word_error(error.description, *at.schema, *at.value, path);
    if (wording.message.empty() || !seen.emplace(path, wording.message).second) continue;
    problems.push_back(Problem{document.file, document.position_of(path), object,
                               std::move(wording.message), std::move(wording.hint)});
  }
  return problems;
}

}  // namespace gg::definitions
