#include "planner/json_schema.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "schemas/schemas.hpp"

namespace gg {
namespace {

using nlohmann::json;

// Every error valijson reports, in order: context and text.
std::vector<std::string> errors_of(const valijson::Schema& schema, const json& document) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  validator.validate(schema, valijson::adapters::NlohmannJsonAdapter(document), &results);
  std::vector<std::string> errors;
  for (const auto& error : results) {
    std::string where;
    for (const std::string& part : error.context) where += part;
    errors.push_back(where + ": " + error.description);
  }
  return errors;
}

void expect_same_errors(const json& schema_document, const json& document) {
  valijson::Schema plain;
  valijson::SchemaParser().populateSchema(valijson::adapters::NlohmannJsonAdapter(schema_document),
                                          plain);
  valijson::Schema compiled;
  compile_json_schema(schema_document, compiled);
  EXPECT_EQ(errors_of(compiled, document), errors_of(plain, document)) << document.dump();
}

const json kSchema = json::parse(R"({
  "type": "object",
  "definitions": {"slug": {"type": "string", "pattern": "^[a-z0-9_-]+$", "maxLength": 8}},
  "properties": {
    "slug": {"$ref": "#/definitions/slug"},
    "teams": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/definitions/slug"}},
    "values": {"type": "array", "uniqueItems": true},
    "either": {"anyOf": [{"type": "string", "pattern": "^a+$"}, {"type": "integer"}]},
    "pattern": {"type": "object", "properties": {"uniqueItems": {"type": "string"}}}
  }
})");

TEST(JsonSchema, ReportsWhatValijsonReportsForPatternsAndDuplicates) {
  for (const char* text : {
           R"({"slug": "nasa", "teams": ["a", "b"], "values": [1, "1", 1.5, {"a": 1}]})",
           R"({"slug": "NASA pilots", "teams": ["a", "B", "a", "a"]})",
           R"({"slug": "much-too-long-and-Bad", "teams": []})",
           R"({"slug": 7, "teams": ["x", 7, "x", 7]})",
           R"({"values": [{"a": 1}, {"a": 1}, [1], [1], 2, 2.0, null, null]})",
           R"({"either": "aaa"})",
           R"({"either": "abc"})",
           R"({"either": 1.5})",
           R"({"pattern": {"uniqueItems": "not a keyword"}})",
           R"({"pattern": {"uniqueItems": 1}})",
       }) {
    expect_same_errors(kSchema, json::parse(text));
  }
}

TEST(JsonSchema, EverySchemaOfTheToolCompiles) {
  for (const std::string_view name : embedded_schema_names()) {
    valijson::Schema schema;
    EXPECT_NO_THROW(compile_json_schema(json::parse(*embedded_schema(name)), schema)) << name;
  }
}

}  // namespace
}  // namespace gg
