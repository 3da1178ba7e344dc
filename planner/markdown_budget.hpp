#pragma once
// Fits the parts of a Markdown comment into a size budget. A comment is a list of sections in
// the order they are printed; each has a rank saying which gets room first when not everything
// fits. A section is printed whole when it fits; otherwise its first items and a line saying
// how many more there were (its `omitted` wording); when not even that fits, it is left out
// (unless `never_left_out`: its frame and omitted line get room before any section's items).
// A section with `required` set is always printed whole, so only bounded text belongs there
// (the marker, the summary line). Pure and deterministic: the same sections and budget always
// give the same bytes.
//
// Sizes are bytes. GitHub's comment limit counts characters, and a character is one to four
// bytes in UTF-8, so a comment within N bytes is always within N characters. Items are never
// split, so a multibyte character is never cut in half.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace gg {

struct MarkdownSection {
  std::string opening;
  std::vector<std::string> items;  // each with its own line end or separator
  std::string closing;
  // The text printed after the first `kept` items when the rest do not fit ("… 3 more\n").
  std::function<std::string(std::size_t kept)> omitted;
  int rank = 0;           // lower ranks get room first; ties go in document order
  bool required = false;  // printed whole whatever the budget
  // Room for its opening, closing and omitted line is kept before any section gets items,
  // so that it is printed (if only to say how many items it has) whatever comes before it.
  bool never_left_out = false;
};

struct FittedMarkdown {
  std::string text;
  std::size_t sections = 0;  // sections that are not required
  std::size_t whole = 0;     // of them, printed whole
};

// The bytes of `sections` printed whole.
std::size_t whole_markdown_size(const std::vector<MarkdownSection>& sections);

// `sections` printed in their order within `max_bytes`, keeping `reserve` bytes free (for a
// note about what was cut, which the caller appends when whole < sections).
FittedMarkdown fit_markdown(const std::vector<MarkdownSection>& sections, std::size_t max_bytes,
                            std::size_t reserve);

}  // namespace gg
