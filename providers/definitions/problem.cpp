#include "providers/definitions/problem.hpp"

#include <algorithm>
#include <tuple>

namespace gg::definitions {

Errors to_errors(Problems problems) {
  std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
    return std::tie(a.file, a.position.line, a.position.column, a.message) <
           std::tie(b.file, b.position.line, b.position.column, b.message);
  });
  Errors errors;
  errors.reserve(problems.size());
  for (const Problem& problem : problems) {
    std::string where = problem.file;
    if (problem.position.line > 0) {
      where += ":" + std::to_string(problem.position.line) + ":" +
               std::to_string(problem.position.column);
    }
    std::string message =
        problem.object.empty() ? problem.message : problem.object + ": " + problem.message;
    errors.push_back(Error{std::move(where), std::move(message), problem.hint});
  }
  return errors;
}

}  // namespace gg::definitions
