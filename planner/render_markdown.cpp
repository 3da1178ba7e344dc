#include "planner/render_markdown.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include "planner/action.hpp"
#include "planner/markdown_budget.hpp"
#include "planner/plan_file.hpp"
#include "planner/plan_wording.hpp"
#include "planner/render_mermaid.hpp"

namespace gg {
namespace {

std::string escape_html(std::string_view text) {
  std::string escaped;
  for (const char c : wording::printable(text)) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

// A fence longer than any run of backticks in the lines, so no line can close it.
std::string fence_for(const std::vector<std::string>& lines) {
  std::size_t longest = 0;
  for (const std::string& line : lines) {
    std::size_t run = 0;
    for (const char c : line) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

struct Counts {
  int add = 0;
  int change = 0;
  int destroy = 0;
  int adopt = 0;
};

Counts count(const wording::Group& group) {
  Counts counts;
  for (const Action* action : group.actions) {
    switch (change_kind(action->type)) {
      case ChangeKind::add:
        ++counts.add;
        break;
      case ChangeKind::change:
        ++counts.change;
        break;
      case ChangeKind::destroy:
        ++counts.destroy;
        break;
    }
  }
  counts.adopt = static_cast<int>(group.adoptions.size());
  return counts;
}

std::string counts_text(const Counts& counts) {
  std::string text = std::to_string(counts.add) + " to add, " + std::to_string(counts.change) +
                     " to change, " + std::to_string(counts.destroy) + " to destroy";
  if (counts.adopt > 0) text += ", " + std::to_string(counts.adopt) + " to adopt";
  return text;
}

// Which sections get room first when the comment does not fit its budget: what a reviewer
// must not miss comes first. The header, the plan's identity and the mode notes are short
// and always printed.
enum Rank : int {
  kDestructiveCounts = 0,  // deletions per organization (only in a cut comment)
  kTargets = 1,            // the addresses --target planned
  kDestructiveList = 2,    // every deletion and what it also removes
  kTable = 3,              // counts per organization
  kUnmanaged = 4,          // organizations left alone
  kDiagram = 5,            // the Mermaid diagrams (render_mermaid), whole or not at all
  kDrift = 6,              // changed outside glitchtip-gitops
  kDetails = 7,            // one <details> per organization
};

// Room kept out of the diagrams' share for the note at a cut.
constexpr std::size_t kDiagramNoteBytes = 400;

// At most `limit` bytes of `text`, never splitting a UTF-8 character: for the few fields of a
// plan file that are printed whatever the budget.
std::string clipped(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "\u2026";
}

std::string plural(std::size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

MarkdownSection required(std::string text) {
  MarkdownSection section;
  section.opening = std::move(text);
  section.required = true;
  return section;
}

// "… 12 more lines\n", for sections whose items are lines.
std::function<std::string(std::size_t)> more_lines(std::size_t total, std::string what) {
  return [total, what = std::move(what)](std::size_t kept) {
    return "\u2026 " + std::to_string(total - kept) + " " + what + "\n";
  };
}

std::optional<MarkdownSection> table_section(const std::vector<wording::Group>& groups) {
  MarkdownSection section;
  for (const wording::Group& group : groups) {
    if (group.actions.empty() && group.adoptions.empty()) continue;
    const Counts counts = count(group);
    section.items.push_back(
        "| " + escape_markdown(group.instance) + " | " + escape_markdown(group.organization) +
        " | " + std::to_string(counts.add) + " | " + std::to_string(counts.change) + " | " +
        std::to_string(counts.destroy) + " | " + std::to_string(counts.adopt) + " |\n");
  }
  if (section.items.empty()) return std::nullopt;
  section.opening =
      "| instance | organization | add | change | destroy | adopt |\n|---|---|--:|--:|--:|--:|\n";
  section.closing = "\n";
  const std::size_t total = section.items.size();
  section.omitted = [total](std::size_t kept) {
    return "| \u2026 | " + plural(total - kept, "more organization", "more organizations") +
           " | | | | |\n";
  };
  section.rank = kTable;
  return section;
}

std::optional<MarkdownSection> targets_section(const Plan& plan) {
  if (plan.targets.empty()) return std::nullopt;
  MarkdownSection section;
  section.opening = "**Warning: Targeting is in effect.** Only these were planned: ";
  for (const std::string& target : plan.targets) {
    section.items.push_back((section.items.empty() ? "" : ", ") + escape_markdown(target));
  }
  section.closing = ". The rest of the definitions may not match GlitchTip.\n\n";
  const std::size_t total = section.items.size();
  section.omitted = [total](std::size_t kept) {
    return (kept == 0 ? "" : ", ") + std::string("\u2026 and ") + std::to_string(total - kept) +
           " more";
  };
  section.rank = kTargets;
  section.never_left_out = true;
  return section;
}

std::string mode_notes(const Plan& plan) {
  std::string out;
  if (plan.mode == PlanMode::offline) {
    out +=
        "**Offline plan:** GlitchTip was not read; the snapshot stood in for it. apply checks "
        "every object live before it writes.\n\n";
  }
  if (plan.mode == PlanMode::refresh_only) {
    out +=
        "**Refresh-only plan:** apply records GlitchTip's current state in the snapshot and "
        "changes nothing in GlitchTip.\n\n";
  }
  return out;
}

std::optional<MarkdownSection> unmanaged_section(const Plan& plan) {
  if (plan.unmanaged.empty() && plan.unmanaged_objects.empty()) return std::nullopt;
  MarkdownSection section;
  for (const UnmanagedOrganization& organization : plan.unmanaged) {
    section.items.push_back("Not managed (left alone): " + escape_markdown(organization.instance) +
                            " organization " + escape_markdown(organization.name) + " (" +
                            escape_markdown(organization.slug) + ")\n\n");
  }
  for (const std::string& address : plan.unmanaged_objects) {  // monitors, alerts, keys
    section.items.push_back(
        "Not managed (left alone): " + escape_markdown(wording::object_words(address)) + " (" +
        escape_markdown(address) + ")\n\n");
  }
  const bool only_organizations = plan.unmanaged_objects.empty();
  section.omitted = [total = section.items.size(), only_organizations](std::size_t kept) {
    return "\u2026 " +
           (only_organizations ? plural(total - kept, "more organization", "more organizations")
                               : plural(total - kept, "more object", "more objects")) +
           " not managed (left alone)\n\n";
  };
  section.rank = kUnmanaged;
  return section;
}

std::string identity(const Plan& plan) {
  std::string out = "<sub>plan_sha256 `" + wording::printable(plan.plan_sha256) +
                    "` \u00b7 glitchtip-gitops " + escape_markdown(clipped(plan.tool_version, 64)) +
                    " \u00b7 made " + escape_markdown(clipped(plan.created_at, 64));
  if (plan.base.lineage.empty()) {
    out += " \u00b7 no snapshot yet";
  } else {
    out += " \u00b7 snapshot serial " + std::to_string(plan.base.serial);
  }
  if (!plan.inputs.git_commit.empty()) {
    out += " \u00b7 commit " + escape_markdown(clipped(plan.inputs.git_commit, 64));
  }
  return out + "</sub>\n\n";
}

// Where the whole plan is, for notes about what this comment leaves out.
std::string where_to_see(const std::string& plan_file) {
  if (plan_file.size() > 200) {
    return "the plan file saved as this CI job's artifact; `glitchtip-gitops show` on it prints "
           "it all";
  }
  const std::string file = wording::printable(plan_file);
  return "the plan file `" + file + "` saved as this CI job's artifact; `glitchtip-gitops show " +
         file + "` prints it all";
}

struct Destruction {
  std::string title;  // "glitchtip-dev / NASA"
  std::size_t deletions = 0;
  std::size_t consequences = 0;
};

std::vector<Destruction> destructions(const std::vector<wording::Group>& groups) {
  std::vector<Destruction> found;
  for (const wording::Group& group : groups) {
    Destruction destruction{.title = group.title()};
    for (const Action* action : group.actions) {
      if (change_kind(action->type) != ChangeKind::destroy) continue;
      ++destruction.deletions;
      destruction.consequences += action->consequences.size();
    }
    if (destruction.deletions > 0) found.push_back(std::move(destruction));
  }
  return found;
}

const char* const kDestructiveHeading = "#### Destructive changes\n\n";

// Deletions per organization: what stays of the destructive list however little room there is.
MarkdownSection destructive_counts_section(const std::vector<Destruction>& found) {
  std::size_t deletions = 0;
  std::size_t consequences = 0;
  MarkdownSection section;
  for (const Destruction& destruction : found) {
    deletions += destruction.deletions;
    consequences += destruction.consequences;
    std::string item = "- " + escape_markdown(destruction.title) + ": **" +
                       std::to_string(destruction.deletions) + " to destroy**";
    if (destruction.consequences > 0) {
      item += ", also removing " + std::to_string(destruction.consequences);
    }
    section.items.push_back(item + "\n");
  }
  section.opening = std::string(kDestructiveHeading) + "Deletions per organization (" +
                    std::to_string(deletions) + " in all";
  if (consequences > 0) section.opening += ", also removing " + std::to_string(consequences);
  section.opening += "):\n\n";
  section.closing = "\n";
  section.omitted = [found](std::size_t kept) {
    std::size_t deletions = 0;
    for (std::size_t i = kept; i < found.size(); ++i) deletions += found[i].deletions;
    return "- \u2026 " + plural(found.size() - kept, "more organization", "more organizations") +
           " with " + plural(deletions, "deletion", "deletions") + "\n";
  };
  section.rank = kDestructiveCounts;
  section.never_left_out = true;
  return section;
}

// Every deletion, a line each, with what it also removes on the lines below it.
MarkdownSection destructive_list_section(const std::vector<wording::Group>& groups,
                                         const std::string& plan_file) {
  MarkdownSection section;
  std::vector<bool> is_deletion;
  for (const wording::Group& group : groups) {
    for (const Action* action : group.actions) {
      if (change_kind(action->type) != ChangeKind::destroy) continue;
      // The replace warning is part of its deletion's item, so a cut never separates them.
      std::string item = "- " + escape_markdown(group.title()) + ": **destroy** " +
                         escape_markdown(wording::action_text(*action)) + "\n";
      if (!action->warning.empty()) {
        item += "  - **warning:** " + escape_markdown(action->warning) + "\n";
      }
      section.items.push_back(std::move(item));
      is_deletion.push_back(true);
      for (const std::string& address : action->consequences) {
        section.items.push_back(
            "  - also removes: " + escape_markdown(wording::object_words(address)) + "\n");
        is_deletion.push_back(false);
      }
    }
  }
  section.opening = kDestructiveHeading;
  section.closing = "\n";
  section.omitted = [is_deletion, where = where_to_see(plan_file)](std::size_t kept) {
    std::size_t deletions = 0;
    for (std::size_t i = kept; i < is_deletion.size(); ++i) deletions += is_deletion[i] ? 1 : 0;
    const std::size_t removals = is_deletion.size() - kept - deletions;
    std::string left;
    if (deletions > 0) left = plural(deletions, "more deletion", "more deletions");
    if (removals > 0) {
      left += (left.empty() ? "" : " and ") + plural(removals, "more object", "more objects") +
              " they also remove";
    }
    return "- \u2026 " + left + " are not listed here: all of them are in " + where + ".\n";
  };
  section.rank = kDestructiveList;
  section.never_left_out = true;
  return section;
}

MarkdownSection drift_section(const std::vector<wording::Group>& groups) {
  MarkdownSection section;
  section.opening =
      "#### Changed outside glitchtip-gitops\n\napply records these in the snapshot; where the "
      "definitions say otherwise, the changes below set them back.\n\n";
  for (const wording::Group& group : groups) {
    for (const Drift* drift : group.drift) {
      section.items.push_back("- " + escape_markdown(group.title()) + ": `" +
                              std::string(1, wording::drift_symbol(*drift)) + "` " +
                              escape_markdown(wording::drift_text(*drift)) + "\n");
    }
  }
  section.closing = "\n";
  section.omitted = more_lines(section.items.size(), "more changes made outside glitchtip-gitops");
  section.rank = kDrift;
  return section;
}

MarkdownSection details_section(const wording::Group& group) {
  std::vector<std::string> lines;
  for (const Action* action : group.actions) {
    lines.push_back(std::string(1, wording::symbol(change_kind(action->type))) + " " +
                    wording::action_text(*action));
    for (const std::string& consequence : wording::consequence_texts(*action)) {
      lines.push_back("    " + consequence);
    }
    const std::string warning = wording::warning_text(*action);
    if (!warning.empty()) lines.push_back("    " + warning);
  }
  for (const Adoption* adoption : group.adoptions) {
    lines.push_back(std::string(1, wording::kAdoptSymbol) + " " +
                    wording::adoption_text(*adoption));
  }
  const std::string fence = fence_for(lines);
  MarkdownSection section;
  section.opening = "<details><summary>" + escape_html(group.title()) + ": " +
                    counts_text(count(group)) + "</summary>\n\n" + fence + "diff\n";
  for (std::string& line : lines) section.items.push_back(std::move(line) + "\n");
  section.closing = fence + "\n\n</details>\n\n";
  section.omitted = more_lines(section.items.size(), "more lines");
  section.rank = kDetails;
  return section;
}

// The comment's sections in the order they are printed, whole.
std::vector<MarkdownSection> sections_of(const Plan& plan,
                                         const std::vector<wording::Group>& groups,
                                         const MarkdownOptions& options) {
  std::vector<MarkdownSection> sections;
  sections.push_back(required("<!-- glitchtip-gitops plan " + wording::printable(plan.plan_sha256) +
                              " -->\n### glitchtip-gitops plan\n\n**" +
                              escape_markdown(wording::summary_line(plan)) + "**\n\n"));
  if (auto table = table_section(groups)) sections.push_back(std::move(*table));
  if (auto targets = targets_section(plan)) sections.push_back(std::move(*targets));
  if (std::string notes = mode_notes(plan); !notes.empty()) {
    sections.push_back(required(std::move(notes)));
  }
  if (auto unmanaged = unmanaged_section(plan)) sections.push_back(std::move(*unmanaged));
  sections.push_back(required(identity(plan)));
  if (!destructions(groups).empty()) {
    sections.push_back(destructive_list_section(groups, options.plan_file));
  }
  if (options.diagram) {
    // At most half the room left, so that the details keep the other half.
    const std::size_t used = whole_markdown_size(sections) + kDiagramNoteBytes;
    const std::size_t room = options.max_bytes > used ? (options.max_bytes - used) / 2 : 0;
    if (std::string diagrams = plan_diagrams_markdown(groups, room); !diagrams.empty()) {
      MarkdownSection section;
      section.items.push_back(std::move(diagrams));
      section.rank = kDiagram;
      section.omitted = [](std::size_t) { return std::string(); };
      sections.push_back(std::move(section));
    }
  }
  if (!plan.drift.empty()) sections.push_back(drift_section(groups));
  for (const wording::Group& group : groups) {
    if (!group.actions.empty() || !group.adoptions.empty()) {
      sections.push_back(details_section(group));
    }
  }
  return sections;
}

std::string cut_note(const MarkdownOptions& options, std::size_t whole, std::size_t sections) {
  return "**This comment is cut to stay under " + std::to_string(options.max_bytes) + " bytes** (" +
         std::to_string(whole) + " of " + std::to_string(sections) +
         " sections shown in full). The whole plan is in " + where_to_see(options.plan_file) +
         ".\n";
}

}  // namespace

std::string escape_markdown(std::string_view text) {
  const std::string clean = wording::printable(text);
  std::string escaped;
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    switch (c) {
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '&':
        escaped += "&amp;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '~':
      case '!':
        escaped += '\\';
        escaped += c;
        break;
      case '@':  // a mention (@everyone) only where a word starts; e-mails stay as they are
        if (i == 0 || clean[i - 1] == ' ') escaped += '\\';
        escaped += c;
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string render_markdown(const Plan& plan, const MarkdownOptions& options) {
  const std::vector<wording::Group> groups = wording::group_by_organization(plan);
  std::vector<MarkdownSection> sections = sections_of(plan, groups, options);
  if (whole_markdown_size(sections) <= options.max_bytes) {
    return fit_markdown(sections, options.max_bytes, 0).text;
  }
  // Cut: the destructive list starts with its counts per organization (under its heading),
  // and room is kept for the note that says where the rest is.
  const auto list = std::find_if(sections.begin(), sections.end(), [](const auto& section) {
    return section.rank == kDestructiveList;
  });
  if (list != sections.end()) {
    list->opening.clear();
    sections.insert(list, destructive_counts_section(destructions(groups)));
  }
  std::size_t optional = 0;
  for (const MarkdownSection& section : sections) optional += section.required ? 0 : 1;
  const FittedMarkdown fitted =
      fit_markdown(sections, options.max_bytes, cut_note(options, optional, optional).size());
  return fitted.text + cut_note(options, fitted.whole, fitted.sections);
}

}  // namespace gg
