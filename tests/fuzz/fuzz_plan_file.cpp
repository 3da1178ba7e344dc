// Fuzzes the plan file reader and, for every plan it accepts, the three renderers. A fuzzed
// file almost never carries the right plan_sha256, so each input is also tried re-sealed:
// the digest recomputed as plan_file.hpp defines it (canonical JSON without plan_sha256 and
// created_at). The oracle: an accepted plan writes back to a file that reads as the same
// plan.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "planner/canonical_json.hpp"
#include "planner/plan_file.hpp"
#include "planner/render_json.hpp"
#include "planner/render_markdown.hpp"
#include "planner/render_text.hpp"

namespace {

const gg::PlanFileLimits kLimits{.max_bytes = 1 << 20, .max_actions = 1000};

void use(const gg::Plan& plan) {
  (void)gg::render_text(plan, {.color = false});
  (void)gg::render_text(plan, {.color = true});
  (void)gg::render_markdown(plan);
  (void)gg::render_markdown(plan, {.max_bytes = 2000, .plan_file = "plan.json"});
  (void)gg::render_json(plan);
  const gg::Result<gg::Plan> again = gg::read_plan(gg::plan_file_text(plan), "again", kLimits);
  if (!again.ok() || !(again.value() == plan)) std::abort();
}

// The text with plan_sha256 recomputed, or empty when it is not a JSON object.
std::string resealed(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object()) return {};
  document.erase("plan_sha256");
  nlohmann::json content = document;
  content.erase("created_at");
  document["plan_sha256"] = gg::canonical_sha256(content);
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (const auto read = gg::read_plan(text, "fuzz.json", kLimits); read.ok()) use(read.value());
  const std::string sealed = resealed(text);
  if (sealed.empty()) return 0;
  if (const auto read = gg::read_plan(sealed, "fuzz.json", kLimits); read.ok()) {
    use(read.value());
  }
  return 0;
}
