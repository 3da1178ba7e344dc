#include "planner/markdown_budget.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace gg {
namespace {

std::size_t whole_size(const MarkdownSection& section) {
  std::size_t size = section.opening.size() + section.closing.size();
  for (const std::string& item : section.items) size += item.size();
  return size;
}

std::string omitted_text(const MarkdownSection& section, std::size_t kept) {
  return section.omitted ? section.omitted(kept) : std::string();
}

// How many items fit in `room` with the omitted line, and the bytes they take; nullopt when
// not even the frame and the omitted line fit.
struct Fit {
  std::size_t kept = 0;
  std::size_t bytes = 0;
};

std::optional<Fit> fit_section(const MarkdownSection& section, std::size_t room) {
  const std::size_t whole = whole_size(section);
  if (whole <= room) return Fit{section.items.size(), whole};
  const std::size_t frame = section.opening.size() + section.closing.size();
  if (frame > room) return std::nullopt;
  // The most items that fit without the omitted line, then fewer until it fits too (its
  // length barely changes with the count, so this takes a step or two).
  std::vector<std::size_t> used{frame};  // used[k]: the frame and the first k items
  while (used.size() <= section.items.size() &&
         used.back() + section.items[used.size() - 1].size() <= room) {
    used.push_back(used.back() + section.items[used.size() - 1].size());
  }
  for (std::size_t kept = used.size(); kept-- > 0;) {
    const std::size_t cost = used[kept] + omitted_text(section, kept).size();
    if (cost <= room) return Fit{kept, cost};
  }
  return std::nullopt;
}

// The least a section takes when it is printed at all: its frame and the omitted line.
std::size_t least_size(const MarkdownSection& section) {
  return std::min(whole_size(section), section.opening.size() + section.closing.size() +
                                           omitted_text(section, 0).size());
}

void append_section(const MarkdownSection& section, std::size_t kept, std::string& out) {
  out += section.opening;
  for (std::size_t i = 0; i < kept; ++i) out += section.items[i];
  if (kept < section.items.size()) out += omitted_text(section, kept);
  out += section.closing;
}

}  // namespace

std::size_t whole_markdown_size(const std::vector<MarkdownSection>& sections) {
  std::size_t total = 0;
  for (const MarkdownSection& section : sections) total += whole_size(section);
  return total;
}

FittedMarkdown fit_markdown(const std::vector<MarkdownSection>& sections, std::size_t max_bytes,
                            std::size_t reserve) {
  FittedMarkdown fitted;
  std::size_t total = 0;
  std::size_t required = 0;
  for (const MarkdownSection& section : sections) {
    total += whole_size(section);
    if (section.required) {
      required += whole_size(section);
    } else {
      ++fitted.sections;
    }
  }

  std::vector<std::optional<std::size_t>> kept(sections.size());
  if (total <= max_bytes) {
    for (std::size_t i = 0; i < sections.size(); ++i) kept[i] = sections[i].items.size();
  } else {
    std::size_t room = max_bytes > required + reserve ? max_bytes - required - reserve : 0;
    std::vector<std::size_t> order(sections.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return sections[a].rank < sections[b].rank;
    });
    // First the least of each section that must not be left out, so that no section before
    // it in rank can take all the room; then items, in rank order.
    std::vector<std::size_t> held(sections.size(), 0);
    for (const std::size_t i : order) {
      if (!sections[i].never_left_out || sections[i].required) continue;
      const std::size_t least = least_size(sections[i]);
      if (least > room) continue;
      held[i] = least;
      room -= least;
    }
    for (const std::size_t i : order) {
      if (sections[i].required) {
        kept[i] = sections[i].items.size();
        continue;
      }
      room += held[i];
      const std::optional<Fit> fit = fit_section(sections[i], room);
      if (!fit) continue;
      kept[i] = fit->kept;
      room -= fit->bytes;
    }
  }

  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (!kept[i]) continue;
    append_section(sections[i], *kept[i], fitted.text);
    if (!sections[i].required && *kept[i] == sections[i].items.size()) ++fitted.whole;
  }
  return fitted;
}

}  // namespace gg
