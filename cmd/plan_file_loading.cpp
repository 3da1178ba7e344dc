#include "cmd/plan_file_loading.hpp"

#include <filesystem>
#include <system_error>

#include "planner/plan_file.hpp"
#include "providers/snapshot/atomic_file.hpp"

namespace gg::cmd {
namespace {

Error no_plan_file(const std::string& path) {
  return Error{path, "there is no plan file here",
               "give the path written by `glitchtip-gitops plan --out`"};
}

}  // namespace

Result<Plan> load_plan_file(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error == std::errc::no_such_file_or_directory) return no_plan_file(path);
  if (error) {
    return Error{path, "cannot read the plan file: " + error.message(),
                 "give the path of a file written by `glitchtip-gitops plan --out`"};
  }
  if (size > kMaxPlanFileBytes) {
    return Error{path,
                 "the plan file is " + std::to_string(size) + " bytes, more than the limit of " +
                     std::to_string(kMaxPlanFileBytes),
                 "this is not a plan glitchtip-gitops made; check the path"};
  }
  Result<std::optional<std::string>> text = read_file_if_exists(path);
  if (!text.ok()) return text.errors();
  if (!text->has_value()) return no_plan_file(path);
  return read_plan(**text, path);
}

}  // namespace gg::cmd
