#pragma once
// A Problem is one thing wrong with the definitions, at a position in a file. The loader
// collects them all, then reports them sorted by file, line and column as gg::Errors.

#include <string>
#include <vector>

#include "planner/error.hpp"

namespace gg::definitions {

struct Position {
  int line = 1;  // 1-based
  int column = 1;
};

struct Problem {
  std::string file;  // as shown to the user: the directory joined with the relative path
  Position position;
  std::string object;  // "Team nasa-pilots"; empty when the document has no identity yet
  std::string message;
  std::string hint;
};

using Problems = std::vector<Problem>;

// Sorted by file, line, column, then message; each as an Error with
// where = "file:line:column" and message = "object: message".
Errors to_errors(Problems problems);

}  // namespace gg::definitions
