#include "planner/json_schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>

#include <algorithm>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "planner/pattern_matcher.hpp"

namespace gg {

namespace {

// The keywords the schema is given to valijson under, so that its parser hands them to the
// builders below instead of making its own constraints. valijson adds custom constraints
// after its own, so they keep their place: "pattern" only applies to strings and
// "uniqueItems" to lists, which no keyword after them in valijson's order checks.
constexpr const char* kPattern = "x-gg-pattern";
constexpr const char* kUniqueItems = "x-gg-uniqueItems";

class PatternCheck : public valijson::constraints::PolyConstraint {
 public:
  explicit PatternCheck(const std::string& pattern)
      : matcher_(std::make_shared<const PatternMatcher>(pattern)) {}

  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isString()) return true;
    if (matcher_->matches(target.asString())) return true;
    if (results != nullptr) {
      results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
    }
    return false;
  }

 private:
  Constraint* cloneInto(void* memory) const override { return new (memory) PatternCheck(*this); }
  size_t sizeOf() const override { return sizeof(PatternCheck); }

  std::shared_ptr<const PatternMatcher> matcher_;  // shared by the schema's copies
};

class UniqueItemsCheck : public valijson::constraints::PolyConstraint {
 public:
  bool validate(const valijson::adapters::Adapter& target, const std::vector<std::string>& context,
                valijson::ValidationResults* results) const override {
    if (!target.isArray() || target.getArraySize() == 0) return true;
    std::vector<std::string> strings;
    bool all_strings = true;
    target.applyToArray([&](const valijson::adapters::Adapter& item) {
      if (!item.isString()) {
        all_strings = false;
        return false;
      }
      strings.push_back(item.asString());
      return true;
    });
    if (!all_strings) return pairwise(target, context, results);
    std::vector<std::string> sorted = strings;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()) return true;
    if (results == nullptr) return false;
    // valijson's messages: every equal pair, in its order.
    for (size_t outer = 0; outer + 1 < strings.size(); ++outer) {
      for (size_t inner = outer + 1; inner < strings.size(); ++inner) {
        if (strings[outer] == strings[inner]) report(outer, inner, context, *results);
      }
    }
    return false;
  }

 private:
  static void report(size_t outer, size_t inner, const std::vector<std::string>& context,
                     valijson::ValidationResults& results) {
    results.pushError(context, "Elements at indexes #" + std::to_string(outer) + " and #" +
                                   std::to_string(inner) + " violate uniqueness constraint.");
  }

  // valijson's own way, for a list that is not only strings.
  static bool pairwise(const valijson::adapters::Adapter& target,
                       const std::vector<std::string>& context,
                       valijson::ValidationResults* results) {
    std::vector<std::unique_ptr<valijson::adapters::FrozenValue>> items;
    target.applyToArray([&](const valijson::adapters::Adapter& item) {
      items.emplace_back(item.freeze());
      return true;
    });
    bool validated = true;
    for (size_t outer = 0; outer + 1 < items.size(); ++outer) {
      size_t inner = 0;
      bool stop = false;
      target.applyToArray([&](const valijson::adapters::Adapter& item) {
        if (inner > outer && items[outer]->equalTo(item, true)) {
          validated = false;
          if (results == nullptr) {
            stop = true;
            return false;
          }
          report(outer, inner, context, *results);
        }
        ++inner;
        return true;
      });
      if (stop) return false;
    }
    return validated;
  }

  Constraint* cloneInto(void* memory) const override {
    return new (memory) UniqueItemsCheck(*this);
  }
  size_t sizeOf() const override { return sizeof(UniqueItemsCheck); }
};

class PatternBuilder : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter& value) const override {
    return new PatternCheck(value.asString());
  }
};

class UniqueItemsBuilder : public valijson::ConstraintBuilder {
 public:
  valijson::constraints::Constraint* make(const valijson::adapters::Adapter&) const override {
    return new UniqueItemsCheck();
  }
};

void rename_keywords(nlohmann::json& schema);

void rename_in_members(nlohmann::json& holder, const char* keyword) {
  const auto found = holder.find(keyword);
  if (found == holder.end() || !found->is_object()) return;
  for (auto& [name, subschema] : found->items()) rename_keywords(subschema);
}

void rename_in_list_or_one(nlohmann::json& holder, const char* keyword) {
  const auto found = holder.find(keyword);
  if (found == holder.end()) return;
  if (found->is_array()) {
    for (auto& subschema : *found) rename_keywords(subschema);
  } else {
    rename_keywords(*found);
  }
}

// Renames "pattern" and "uniqueItems": true in every subschema, walking the schema's
// structure only (a property named "pattern" is a property, not the keyword).
void rename_keywords(nlohmann::json& schema) {
  if (!schema.is_object()) return;
  if (const auto pattern = schema.find("pattern");
      pattern != schema.end() && pattern->is_string()) {
    nlohmann::json text = std::move(*pattern);
    schema.erase("pattern");
    schema[kPattern] = std::move(text);
  }
  if (const auto unique = schema.find("uniqueItems");
      unique != schema.end() && unique->is_boolean() && unique->get<bool>()) {
    schema.erase("uniqueItems");
    schema[kUniqueItems] = true;
  }
  for (const char* keyword :
       {"properties", "patternProperties", "definitions", "$defs", "dependencies"}) {
    rename_in_members(schema, keyword);
  }
  for (const char* keyword :
       {"items", "allOf", "anyOf", "oneOf", "additionalItems", "additionalProperties", "not",
        "contains", "propertyNames", "if", "then", "else"}) {
    rename_in_list_or_one(schema, keyword);
  }
}

}  // namespace

void compile_json_schema(const nlohmann::json& document, valijson::Schema& schema) {
  nlohmann::json renamed = document;
  rename_keywords(renamed);
  valijson::SchemaParser parser;
  parser.addConstraintBuilder(kPattern, new PatternBuilder());
  parser.addConstraintBuilder(kUniqueItems, new UniqueItemsBuilder());
  parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(renamed), schema);
}

}  // namespace gg
