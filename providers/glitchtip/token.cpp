#include "providers/glitchtip/token.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gg::glitchtip {
namespace {

std::string trimmed(const std::string& text) {
  const char* space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

Result<Token> from_environment(const std::string& instance, const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) {
    return Error{instance, "the token variable " + variable + " is not set",
                 "export " + variable + " with the automation user's API token"};
  }
  std::string token = trimmed(value);
  if (token.empty()) {
    return Error{instance, "the token variable " + variable + " is empty",
                 "set " + variable + " to the automation user's API token"};
  }
  return Token(std::move(token));
}

Result<Token> from_file(const std::string& instance, const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error{instance, "cannot read the token file " + path + ": " + std::strerror(errno),
                 "check that the file exists and this user may read it"};
  }
  std::ostringstream content;
  content << file.rdbuf();
  std::string token = trimmed(content.str());
  if (token.empty()) {
    return Error{instance, "the token file " + path + " is empty",
                 "write the automation user's API token into it"};
  }
  return Token(std::move(token));
}

}  // namespace

Result<Token> read_token(const std::string& instance, const TokenSource& source) {
  if (source.name.empty()) {
    return Error{instance, "no token source is configured",
                 "set token: {env: VARIABLE} or token: {file: PATH} on the Instance"};
  }
  return source.kind == TokenSource::Kind::environment ? from_environment(instance, source.name)
                                                       : from_file(instance, source.name);
}

}  // namespace gg::glitchtip
