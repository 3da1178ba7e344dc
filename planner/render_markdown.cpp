#include "planner/render_markdown.hpp"

#include <algorithm>
#include <vector>

#include "planner/action.hpp"
#include "planner/plan_file.hpp"
#include "planner/plan_wording.hpp"
#include "planner/render_mermaid.hpp"

namespace gg {
namespace {

// Room kept for the note that says the details were cut.
constexpr std::size_t kCutNoteBytes = 400;

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

// A section that may be cut: its opening, lines and closing. When not every line fits,
// the lines that fit are kept and `omitted` says how many more there were.
struct Section {
  std::string opening;
  std::vector<std::string> lines;
  std::string closing;
  std::string omitted_line;  // "… %d more" wording, the count appended in front
};

// Appends as much of `section` as fits in `room` bytes; false when something was left out.
bool append_within(const Section& section, std::size_t& room, std::string& out) {
  const std::size_t frame = section.opening.size() + section.closing.size();
  std::size_t whole = frame;
  for (const std::string& line : section.lines) whole += line.size() + 1;
  if (whole <= room) {
    out += section.opening;
    for (const std::string& line : section.lines) out += line + "\n";
    out += section.closing;
    room -= whole;
    return true;
  }
  const std::size_t omitted_note = section.omitted_line.size() + 24;
  if (frame + omitted_note >= room) return false;
  std::size_t used = frame + omitted_note;
  std::string body;
  std::size_t kept = 0;
  for (const std::string& line : section.lines) {
    if (used + line.size() + 1 > room) break;
    body += line + "\n";
    used += line.size() + 1;
    ++kept;
  }
  if (kept == 0) return false;
  out += section.opening + body;
  out +=
      "\u2026 " + std::to_string(section.lines.size() - kept) + " " + section.omitted_line + "\n";
  out += section.closing;
  room -= std::min(room, used);
  return false;
}

void write_table(const std::vector<wording::Group>& groups, std::string& out) {
  std::string rows;
  for (const wording::Group& group : groups) {
    if (group.actions.empty() && group.adoptions.empty()) continue;
    const Counts counts = count(group);
    rows += "| " + escape_markdown(group.instance) + " | " + escape_markdown(group.organization) +
            " | " + std::to_string(counts.add) + " | " + std::to_string(counts.change) + " | " +
            std::to_string(counts.destroy) + " | " + std::to_string(counts.adopt) + " |\n";
  }
  if (rows.empty()) return;
  out += "| instance | organization | add | change | destroy | adopt |\n";
  out += "|---|---|--:|--:|--:|--:|\n";
  out += rows + "\n";
}

void write_notes(const Plan& plan, std::string& out) {
  if (!plan.targets.empty()) {
    std::string targets;
    for (const std::string& target : plan.targets) {
      targets += (targets.empty() ? "" : ", ") + escape_markdown(target);
    }
    out += "**Warning: Targeting is in effect.** Only these were planned: " + targets +
           ". The rest of the definitions may not match GlitchTip.\n\n";
  }
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
  for (const UnmanagedOrganization& organization : plan.unmanaged) {
    out += "Not managed (left alone): " + escape_markdown(organization.instance) +
           " organization " + escape_markdown(organization.name) + " (" +
           escape_markdown(organization.slug) + ")\n\n";
  }
}

void write_identity(const Plan& plan, std::string& out) {
  out += "<sub>plan_sha256 `" + wording::printable(plan.plan_sha256) +
         "` \u00b7 glitchtip-gitops " + escape_markdown(plan.tool_version) + " \u00b7 made " +
         escape_markdown(plan.created_at);
  if (plan.base.lineage.empty()) {
    out += " \u00b7 no snapshot yet";
  } else {
    out += " \u00b7 snapshot serial " + std::to_string(plan.base.serial);
  }
  if (!plan.inputs.git_commit.empty()) {
    out += " \u00b7 commit " + escape_markdown(plan.inputs.git_commit);
  }
  out += "</sub>\n\n";
}

void write_destructive(const std::vector<wording::Group>& groups, std::string& out) {
  std::string items;
  for (const wording::Group& group : groups) {
    for (const Action* action : group.actions) {
      if (change_kind(action->type) != ChangeKind::destroy) continue;
      items += "- " + escape_markdown(group.title()) + ": **destroy** " +
               escape_markdown(wording::action_text(*action)) + "\n";
      for (const std::string& address : action->consequences) {
        items += "  - also removes: " + escape_markdown(wording::object_words(address)) + "\n";
      }
      if (!action->warning.empty()) {
        items += "  - **warning:** " + escape_markdown(action->warning) + "\n";
      }
    }
  }
  if (items.empty()) return;
  out += "#### Destructive changes\n\n" + items + "\n";
}

Section drift_section(const std::vector<wording::Group>& groups) {
  Section section;
  section.opening =
      "#### Changed outside glitchtip-gitops\n\napply records these in the snapshot; where the "
      "definitions say otherwise, the changes below set them back.\n\n";
  for (const wording::Group& group : groups) {
    for (const Drift* drift : group.drift) {
      section.lines.push_back("- " + escape_markdown(group.title()) + ": `" +
                              std::string(1, wording::drift_symbol(*drift)) + "` " +
                              escape_markdown(wording::drift_text(*drift)));
    }
  }
  section.closing = "\n";
  section.omitted_line = "more changes made outside glitchtip-gitops";
  return section;
}

Section details_section(const wording::Group& group) {
  Section section;
  for (const Action* action : group.actions) {
    section.lines.push_back(std::string(1, wording::symbol(change_kind(action->type))) + " " +
                            wording::action_text(*action));
    for (const std::string& consequence : wording::consequence_texts(*action)) {
      section.lines.push_back("    " + consequence);
    }
    const std::string warning = wording::warning_text(*action);
    if (!warning.empty()) section.lines.push_back("    " + warning);
  }
  for (const Adoption* adoption : group.adoptions) {
    section.lines.push_back(std::string(1, wording::kAdoptSymbol) + " " +
                            wording::adoption_text(*adoption));
  }
  const std::string fence = fence_for(section.lines);
  section.opening = "<details><summary>" + escape_html(group.title()) + ": " +
                    counts_text(count(group)) + "</summary>\n\n" + fence + "diff\n";
  section.closing = fence + "\n\n</details>\n\n";
  section.omitted_line = "more lines";
  return section;
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
  std::string out = "<!-- glitchtip-gitops plan " + wording::printable(plan.plan_sha256) +
                    " -->\n### glitchtip-gitops plan\n\n**" +
                    escape_markdown(wording::summary_line(plan)) + "**\n\n";
  write_table(groups, out);
  write_notes(plan, out);
  write_identity(plan, out);
  write_destructive(groups, out);
  if (options.diagram && options.max_bytes > out.size() + kCutNoteBytes) {
    // At most half the room left, so that the details keep the other half.
    out += plan_diagrams_markdown(groups, (options.max_bytes - out.size() - kCutNoteBytes) / 2);
  }

  std::vector<Section> sections;
  if (!plan.drift.empty()) sections.push_back(drift_section(groups));
  for (const wording::Group& group : groups) {
    if (!group.actions.empty() || !group.adoptions.empty()) {
      sections.push_back(details_section(group));
    }
  }
  std::size_t room = options.max_bytes > out.size() + kCutNoteBytes
                         ? options.max_bytes - out.size() - kCutNoteBytes
                         : 0;
  std::size_t shown = 0;
  for (const Section& section : sections) {
    if (!append_within(section, room, out)) break;
    ++shown;
  }
  if (shown < sections.size()) {
    out += "**The details are cut here to keep this comment under " +
           std::to_string(options.max_bytes) + " bytes** (" + std::to_string(shown) + " of " +
           std::to_string(sections.size()) +
           " sections shown in full). See the whole plan with `glitchtip-gitops show " +
           wording::printable(options.plan_file) + "`.\n";
  }
  return out;
}

}  // namespace gg
