#pragma once
// A JSON Schema compiled for valijson, with two of its keywords checked by this project
// rather than by valijson, whose way costs more than the rest of the validation:
// - "pattern": valijson looks the pattern up in a cache by its text and runs
//   std::regex_search for every value; here each pattern is compiled once, where it stands,
//   by PatternMatcher.
// - "uniqueItems": valijson compares every pair of items; here a list of strings is sorted
//   once, and the pairs are only compared (as valijson does) when it holds a duplicate.
// Results are the same as valijson's own, error texts and their order included: the
// replacement constraints report what valijson's report ("Failed to match regex specified by
// 'pattern' constraint.", "Elements at indexes #i and #j violate uniqueness constraint."),
// at the same place in each subschema's list of constraints. Strict types only (valijson's
// default Validator).

#include <nlohmann/json.hpp>

namespace valijson {
class Schema;
}  // namespace valijson

namespace gg {

// Fills `schema` from `document` as valijson::SchemaParser (draft 7) does.
void compile_json_schema(const nlohmann::json& document, valijson::Schema& schema);

}  // namespace gg
