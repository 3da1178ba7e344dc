#pragma once
// Validation of one definitions document against the JSON Schema of its kind (compiled in
// from schemas/), with valijson. Each violation becomes a Problem at the YAML position of
// the offending value, worded for a person: unknown fields (every one, with a "did you
// mean"), missing fields, wrong types, values outside an enum or a range.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "providers/definitions/problem.hpp"
#include "providers/definitions/yaml_document.hpp"

namespace valijson {
class Schema;
class Validator;
}  // namespace valijson

namespace gg::definitions {

// The kinds a document may have, in the order the docs list them.
const std::vector<std::string>& definition_kinds();

class SchemaValidator {
 public:
  SchemaValidator();
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Problems of `document` against the schema of `kind` (one of definition_kinds()).
  // `object` names the document in messages, e.g. "Team nasa-pilots".
  Problems validate(const YamlDocument& document, const std::string& kind,
                    const std::string& object);

 private:
  struct KindSchema {
    nlohmann::json text;
    std::unique_ptr<valijson::Schema> compiled;
    // Each node of `text` with its "$ref" resolved, filled as documents are checked.
    std::unordered_map<const nlohmann::json*, const nlohmann::json*> resolved_refs;
  };
  std::map<std::string, KindSchema> schemas_;
  std::unique_ptr<valijson::Validator> validator_;
};

}  // namespace gg::definitions
