// Fuzzes slugify with its contract as the oracle: a slug holds only [a-z0-9_-], never
// starts or ends with '-' or '_', has no "--", and slugifying it again changes nothing.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "planner/slugify.hpp"

namespace {

bool is_slug_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

void check(bool holds) {
  if (!holds) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string slug = gg::slugify(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const char c : slug) check(is_slug_character(c));
  if (!slug.empty()) {
    check(slug.front() != '-' && slug.front() != '_');
    check(slug.back() != '-' && slug.back() != '_');
  }
  check(slug.find("--") == std::string::npos);
  check(gg::slugify(slug) == slug);
  return 0;
}
