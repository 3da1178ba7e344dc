#include "providers/snapshot/snapshot_schema.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validator.hpp>

#include <algorithm>

#include "planner/json_schema.hpp"
#include "schemas/schemas.hpp"

namespace gg {
namespace {

using nlohmann::json;

constexpr size_t kMaxReportedViolations = 10;

// valijson names a location as {"<root>", "[instances]", "[glitchtip-dev]", ...}.
std::string json_pointer(const std::vector<std::string>& context) {
  std::string pointer;
  for (const auto& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      std::string name = part.substr(1, part.size() - 2);
      if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        name = name.substr(1, name.size() - 2);
      }
      pointer += "/" + name;
    }
  }
  return pointer.empty() ? "/" : pointer;
}

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& of) {
  return prefix.size() < of.size() && std::equal(prefix.begin(), prefix.end(), of.begin());
}

std::shared_ptr<const valijson::Schema> compile_snapshot_schema() {
  const auto text = embedded_schema("snapshot.schema.json");
  if (!text) return nullptr;
  auto schema = std::make_shared<valijson::Schema>();
  compile_json_schema(json::parse(*text), *schema);
  return schema;
}

}  // namespace

SnapshotSchema::SnapshotSchema()
    : schema_(compile_snapshot_schema()), validator_(std::make_shared<valijson::Validator>()) {}

// An error whose location encloses another error's location ("property x failed") says
// less than the inner one and is left out.
Errors SnapshotSchema::violations(const json& document, const std::string& where) const {
  if (!schema_) return {Error{where, "the snapshot schema is not built into this binary", ""}};
  valijson::ValidationResults results;
  if (validator_->validate(*schema_, valijson::adapters::NlohmannJsonAdapter(document), &results)) {
    return {};
  }
  const std::vector<valijson::ValidationResults::Error> all(results.begin(), results.end());
  Errors errors;
  for (const auto& error : all) {
    const bool encloses_another = std::any_of(all.begin(), all.end(), [&](const auto& other) {
      return is_prefix(error.context, other.context);
    });
    if (encloses_another) continue;
    errors.push_back(Error{where,
                           "does not match the snapshot schema at " + json_pointer(error.context) +
                               ": " + error.description,
                           ""});
    if (errors.size() == kMaxReportedViolations) break;
  }
  if (errors.empty()) errors.push_back(Error{where, "does not match the snapshot schema", ""});
  return errors;
}

}  // namespace gg
