#pragma once
// The words the renderers (text, Markdown) use for a plan: the summary line, one line per
// action, drift record and adoption, and the plan's items grouped by instance and
// organization. Every string that comes from users or GlitchTip is made printable (control
// characters become '?'), so a name cannot move a terminal's cursor or colour.

#include <string>
#include <string_view>
#include <vector>

#include "planner/plan.hpp"

namespace gg::wording {

// "Plan: A to add, C to change, D to destroy." (", N to adopt" before the period when N > 0),
// or "No changes. GlitchTip matches the definitions." when the plan has no changes (a
// refresh-only plan whose definitions differ from GlitchTip says "No changes to record." and
// unplanned_text instead). A public interface: pipelines grep for it.
std::string summary_line(const Plan& plan);

// For a refresh-only plan that leaves out changes the definitions ask for: how many, and how
// to see them; "" when the definitions agree with GlitchTip.
std::string unplanned_text(const Plan& plan);

// '+' add, '~' change, '-' destroy.
char symbol(ChangeKind kind);
// '+' recorded as absent, '-' gone live, '~' otherwise.
char drift_symbol(const Drift& drift);
inline constexpr char kAdoptSymbol = '>';

// "member buzz.aldrin@nasa.com (pending): role member → admin", without the symbol.
std::string action_text(const Action& action);
// "  also removes: member neil.armstrong@nasa.com in team nasa-pilots", one per consequence.
std::vector<std::string> consequence_texts(const Action& action);
// "  warning: ..." under an action that carries a warning; empty when it carries none.
std::string warning_text(const Action& action);
std::string drift_text(const Drift& drift);
std::string adoption_text(const Adoption& adoption);

// An address in words, relative to its organization: "team nasa-pilots",
// "member x@nasa.com in team nasa-pilots"; the address itself when it does not parse.
std::string object_words(std::string_view address);

// Control characters replaced by '?'.
std::string printable(std::string_view text);

// One organization's share of a plan, in plan order. Pointers into the plan.
struct Group {
  std::string instance;
  std::string organization;
  std::vector<const Action*> actions;
  std::vector<const Adoption*> adoptions;
  std::vector<const Drift*> drift;
  std::string title() const;  // "glitchtip-dev / NASA"
};

// Every organization the plan touches, sorted by instance, then organization name.
std::vector<Group> group_by_organization(const Plan& plan);

}  // namespace gg::wording
