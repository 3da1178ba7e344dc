#include "schemas/definitions_schema.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <string_view>

#include "schemas/schemas.hpp"

namespace gg {
namespace {

using nlohmann::json;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Rewrites every local "$ref": "#/definitions/X" in `node` to "#/definitions/<kind>-X", the
// name the combined schema keeps X under.
void rename_refs(json& node, const std::string& kind) {
  if (node.is_object()) {
    if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) {
      const std::string target = ref->get<std::string>();
      constexpr std::string_view prefix = "#/definitions/";
      if (target.starts_with(prefix)) {
        *ref = std::string(prefix) + kind + "-" + target.substr(prefix.size());
      }
    }
    for (auto& [key, value] : node.items()) rename_refs(value, kind);
  } else if (node.is_array()) {
    for (json& value : node) rename_refs(value, kind);
  }
}

}  // namespace

std::string definitions_schema_text() {
  json definitions = json::object();
  json choices = json::array();
  json kinds = json::array();
  for (const char* kind : kDefinitionKinds) {
    const std::string name = lower(kind);
    json schema = json::parse(embedded_schema(name + ".schema.json").value_or("{}"));
    schema.erase("$schema");
    schema.erase("$id");
    rename_refs(schema, name);
    if (const auto own = schema.find("definitions"); own != schema.end()) {
      for (auto& [key, value] : own->items()) definitions[name + "-" + key] = value;
      schema.erase(own);
    }
    definitions[name] = schema;
    kinds.push_back(kind);
    choices.push_back(
        {{"if", {{"required", {"kind"}}, {"properties", {{"kind", {{"const", kind}}}}}}},
         {"then", {{"$ref", "#/definitions/" + name}}}});
  }
  const json combined = {
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"$id", "https://glitchtip-gitops.dev/schemas/definitions.schema.json"},
      {"title", "glitchtip-gitops definitions"},
      {"description",
       "Any glitchtip-gitops definitions document; its `kind` says which schema applies."},
      {"type", "object"},
      {"required", {"kind"}},
      {"properties", {{"kind", {{"description", "What this document defines."}, {"enum", kinds}}}}},
      {"allOf", choices},
      {"definitions", definitions},
  };
  return combined.dump(2) + "\n";
}

}  // namespace gg
