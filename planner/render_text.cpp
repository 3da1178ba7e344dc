#include "planner/render_text.hpp"

#include <string_view>

#include "planner/action.hpp"
#include "planner/address.hpp"
#include "planner/plan_file.hpp"
#include "planner/plan_wording.hpp"

namespace gg {
namespace {

constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

class TextWriter {
 public:
  explicit TextWriter(bool color) : color_(color) {}

  void line(std::string_view text = "") {
    out_ += text;
    out_ += '\n';
  }
  // `text` painted when colour is on.
  std::string paint(std::string_view colour, std::string_view text) const {
    if (!color_) return std::string(text);
    return std::string(colour) + std::string(text) + std::string(kReset);
  }
  void item(int indent, char symbol, std::string_view text) {
    line(std::string(indent, ' ') + paint(colour_of(symbol), std::string(1, symbol)) + " " +
         std::string(text));
  }
  std::string take() { return std::move(out_); }

 private:
  static std::string_view colour_of(char symbol) {
    switch (symbol) {
      case '+':
        return kGreen;
      case '-':
        return kRed;
      case '>':
        return kCyan;
      default:
        return kYellow;
    }
  }

  bool color_;
  std::string out_;
};

void write_header(const Plan& plan, TextWriter& out) {
  out.line(wording::printable("glitchtip-gitops " + plan.tool_version + " plan, made " +
                              plan.created_at + ", mode " + std::string(to_string(plan.mode))));
  if (plan.base.lineage.empty()) {
    out.line("Snapshot: none yet (first apply)");
  } else {
    out.line(wording::printable("Snapshot: serial " + std::to_string(plan.base.serial) +
                                " of lineage " + plan.base.lineage));
  }
  std::string inputs = "Definitions: sha256 " + plan.inputs.definitions_sha256;
  if (!plan.inputs.git_commit.empty()) inputs += ", commit " + plan.inputs.git_commit;
  out.line(wording::printable(inputs));
  for (const PlanInstance& instance : plan.instances) {
    out.line(wording::printable("Instance: " + instance.name + " (" + instance.settings.url + ")"));
  }
  for (const Guard& guard : plan.guards) {
    out.line(wording::printable("Guard passed: " + guard.name + " (" + guard.detail + ")"));
  }
  if (!plan.targets.empty()) {
    std::string targets;
    for (const std::string& target : plan.targets) {
      targets += (targets.empty() ? "" : ", ") + target;
    }
    out.line();
    out.line(out.paint(kBold, out.paint(kYellow, "Warning: Targeting is in effect.")));
    out.line(wording::printable("Only these were planned: " + targets +
                                ". The rest of the definitions may not match GlitchTip; use "
                                "--target for exceptions, not routinely."));
  }
  if (plan.mode == PlanMode::offline) {
    out.line();
    out.line(out.paint(kBold, "Note: offline plan.") +
             " GlitchTip was not read; the snapshot stood in for it, so changes made by hand "
             "are not shown. apply checks every object live before it writes.");
  }
  if (plan.mode == PlanMode::refresh_only) {
    out.line();
    out.line(out.paint(kBold, "Note: refresh-only plan.") +
             " apply records GlitchTip's current state in the snapshot and changes nothing in "
             "GlitchTip.");
  }
}

void write_drift(const std::vector<wording::Group>& groups, TextWriter& out) {
  out.line();
  out.line(out.paint(kBold, "Changed outside glitchtip-gitops:"));
  for (const wording::Group& group : groups) {
    if (group.drift.empty()) continue;
    out.line();
    out.line("  " + group.title());
    for (const Drift* drift : group.drift) {
      out.item(4, wording::drift_symbol(*drift), wording::drift_text(*drift));
    }
  }
}

void write_actions(const std::vector<wording::Group>& groups, TextWriter& out) {
  out.line();
  out.line(out.paint(kBold, "glitchtip-gitops will make these changes:") + " " +
           out.paint(kGreen, "+") + " create, " + out.paint(kYellow, "~") + " update, " +
           out.paint(kRed, "-") + " destroy, " + out.paint(kCyan, ">") + " adopt");
  for (const wording::Group& group : groups) {
    if (group.actions.empty() && group.adoptions.empty()) continue;
    out.line();
    out.line("  " + group.title());
    for (const Action* action : group.actions) {
      out.item(4, wording::symbol(change_kind(action->type)), wording::action_text(*action));
      for (const std::string& consequence : wording::consequence_texts(*action)) {
        out.line("      " + consequence);
      }
      const std::string warning = wording::warning_text(*action);
      if (!warning.empty()) out.line("      " + out.paint(kYellow, warning));
    }
    for (const Adoption* adoption : group.adoptions) {
      out.item(4, wording::kAdoptSymbol, wording::adoption_text(*adoption));
    }
  }
}

void write_unmanaged(const Plan& plan, TextWriter& out) {
  out.line();
  out.line(out.paint(kBold, "Not managed (left alone):"));
  for (const UnmanagedOrganization& organization : plan.unmanaged) {
    out.line(wording::printable("  " + organization.instance + ": organization " +
                                organization.name + " (" + organization.slug + ")"));
  }
  for (const std::string& address : plan.unmanaged_objects) {  // monitors, alerts, keys
    const std::optional<Address> parsed = Address::parse(address);
    out.line(wording::printable("  " + (parsed ? parsed->instance + ": " : "")) +
             wording::object_words(address) +
             wording::printable(parsed ? " in organization " + parsed->organization : ""));
  }
}

}  // namespace

std::string render_text(const Plan& plan, const TextOptions& options) {
  TextWriter out(options.color);
  write_header(plan, out);
  const std::vector<wording::Group> groups = wording::group_by_organization(plan);
  if (!plan.drift.empty()) write_drift(groups, out);
  if (!plan.actions.empty() || !plan.adoptions.empty()) {
    write_actions(groups, out);
  } else if (!plan.drift.empty() && plan.unplanned == 0) {
    out.line();
    out.line(
        "The definitions agree with GlitchTip as it is now; apply only records these changes "
        "in the snapshot.");
  }
  if (plan.has_changes() && plan.unplanned > 0) {
    out.line();
    out.line("apply only records these changes in the snapshot. " + wording::unplanned_text(plan));
  }
  if (!plan.unmanaged.empty() || !plan.unmanaged_objects.empty()) write_unmanaged(plan, out);
  out.line();
  out.line(wording::summary_line(plan));
  return out.take();
}

}  // namespace gg
