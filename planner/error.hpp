#pragma once
// An Error is what went wrong, for a person: where it happened (a file:line:column,
// an object address, or a request such as "GET /api/0/organizations/"), what is wrong,
// and, where it is obvious, what to do about it. Errors are values; they are returned
// from the boundaries (files, HTTP) and printed by cmd/, never thrown across modules.

#include <string>
#include <vector>

namespace gg {

struct Error {
  std::string where;    // "definitions/teams.yaml:4:3", "glitchtip-dev/NASA", "PUT /api/0/..."
  std::string message;  // what is wrong, one sentence
  std::string hint;     // what to do, may be empty

  // "where: message (hint)" in one line, the way every command prints it.
  std::string to_string() const;
};

using Errors = std::vector<Error>;

}  // namespace gg
