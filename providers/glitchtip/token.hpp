#pragma once
// The API token of one GlitchTip instance, read from its token source (an environment
// variable or a file) only when a provider is opened. A Token cannot be streamed,
// formatted or compared: the only way to use it is the Authorization header it builds, so
// it cannot end up in output, logs or errors by accident.

#include <string>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg::glitchtip {

class Token {
 public:
  explicit Token(std::string secret) : secret_(std::move(secret)) {}

  // "Authorization: Bearer <token>", for an HTTP request's header list.
  std::string authorization_header() const { return "Authorization: Bearer " + secret_; }

 private:
  std::string secret_;
};

// Reads the token from `source`, trimming surrounding white space. A missing variable, an
// unreadable file or an empty token is an error naming the variable or path (never the
// token). `instance` names the instance in the error.
Result<Token> read_token(const std::string& instance, const TokenSource& source);

}  // namespace gg::glitchtip
