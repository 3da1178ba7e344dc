#include "planner/error.hpp"

namespace gg {

std::string Error::to_string() const {
  std::string text = where.empty() ? message : where + ": " + message;
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

}  // namespace gg
