#include "planner/slugify.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace gg {
namespace {

// NFKD through utf8proc, then keep the ASCII part only (accents are separate combining
// marks after decomposition, so "é" folds to "e").
std::string ascii_after_nfkd(std::string_view text) {
  utf8proc_uint8_t* decomposed = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &decomposed,
                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT));
  if (length < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(decomposed, &std::free);
  std::string ascii;
  ascii.reserve(static_cast<size_t>(length));
  for (utf8proc_ssize_t i = 0; i < length; ++i) {
    if (decomposed[i] < 0x80) ascii.push_back(static_cast<char>(decomposed[i]));
  }
  return ascii;
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Python's str.isspace() for ASCII, which Django's \s matches.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

}  // namespace

std::string slugify(std::string_view name) {
  std::string kept;
  for (char c : ascii_after_nfkd(name)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (is_word(c) || c == '-' || is_space(c)) kept.push_back(c);
  }
  std::string slug;
  bool in_separator = false;
  for (char c : kept) {
    if (c == '-' || is_space(c)) {
      in_separator = true;
      continue;
    }
    if (in_separator && !slug.empty()) slug.push_back('-');
    in_separator = false;
    slug.push_back(c);
  }
  const size_t first = slug.find_first_not_of("-_");
  if (first == std::string::npos) return {};
  const size_t last = slug.find_last_not_of("-_");
  return slug.substr(first, last - first + 1);
}

std::string project_slug(std::string_view name) {
  constexpr size_t kMaxProjectSlug = 50;
  std::string slug = slugify(name);
  if (slug.size() > kMaxProjectSlug) {
    slug.resize(kMaxProjectSlug);
    while (!slug.empty() && (slug.back() == '-' || slug.back() == '_')) slug.pop_back();
  }
  return slug;
}

}  // namespace gg
