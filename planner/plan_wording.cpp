#include "planner/plan_wording.hpp"

#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "planner/address.hpp"
#include "planner/kinds/kinds.hpp"
#include "planner/plan_summary.hpp"

namespace gg::wording {
namespace {

using nlohmann::json;

bool is_pending(const json& object) {
  if (!object.is_object()) return false;
  const auto found = object.find("pending");
  return found != object.end() && found->is_boolean() && found->get<bool>();
}

std::string pending_mark(const json& object) {
  return is_pending(object) ? " (pending)" : "";
}

std::string with_detail(std::string head, const std::string& detail, std::string_view glue) {
  if (!detail.empty()) head += std::string(glue) + detail;
  return head;
}

// Each kind words its own actions (`action_words` in planner/kinds/).
std::string action_words(const Action& action) {
  std::string words = action.address;
  visit_kind_of(action.type, [&](auto kind) { words = decltype(kind)::action_words(action); });
  return words;
}

}  // namespace

std::string unplanned_text(const Plan& plan) {
  if (plan.unplanned <= 0) return "";
  return "The definitions still ask for " + std::to_string(plan.unplanned) +
         (plan.unplanned == 1 ? " change" : " changes") +
         " in GlitchTip, which a refresh-only plan leaves out: run plan without --refresh-only "
         "to see them.";
}

std::string summary_line(const Plan& plan) {
  if (!plan.has_changes()) {
    if (plan.unplanned > 0) return "No changes to record. " + unplanned_text(plan);
    return "No changes. GlitchTip matches the definitions.";
  }
  const PlanSummary summary = summarize_plan(plan);
  std::string line = "Plan: " + std::to_string(summary.add) + " to add, " +
                     std::to_string(summary.change) + " to change, " +
                     std::to_string(summary.destroy) + " to destroy";
  if (summary.adopt > 0) line += ", " + std::to_string(summary.adopt) + " to adopt";
  return line + ".";
}

char symbol(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::add:
      return '+';
    case ChangeKind::change:
      return '~';
    case ChangeKind::destroy:
      return '-';
  }
  return '~';
}

char drift_symbol(const Drift& drift) {
  if (drift.recorded.is_null()) return '+';
  if (drift.live.is_null()) return '-';
  return '~';
}

std::string action_text(const Action& action) {
  return printable(action_words(action));
}

std::vector<std::string> consequence_texts(const Action& action) {
  std::vector<std::string> texts;
  for (const std::string& address : action.consequences) {
    texts.push_back("  also removes: " + object_words(address));
  }
  return texts;
}

std::string warning_text(const Action& action) {
  return action.warning.empty() ? std::string() : printable("  warning: " + action.warning);
}

std::string drift_text(const Drift& drift) {
  const json& current = drift.live.is_null() ? drift.recorded : drift.live;
  return printable(
      with_detail(object_words(drift.address) + pending_mark(current), drift.description, ": "));
}

std::string adoption_text(const Adoption& adoption) {
  return printable(object_words(adoption.address) + pending_mark(adoption.live) +
                   " (exists in GlitchTip; recorded as managed, no API call)");
}

std::string object_words(std::string_view text) {
  const std::optional<Address> address = Address::parse(text);
  if (!address) return printable(text);
  switch (address->kind) {
    case Address::Kind::instance:
      return printable("instance " + address->instance);
    case Address::Kind::organization:
      return printable("organization " + address->organization);
    case Address::Kind::team:
      return printable("team " + address->object);
    case Address::Kind::project:
      return printable("project " + address->object);
    case Address::Kind::member:
      return printable("member " + address->object);
    case Address::Kind::team_member:
      return printable("member " + address->child + " in team " + address->object);
    case Address::Kind::project_team:
      return printable("team " + address->child + " on project " + address->object);
    case Address::Kind::monitor:
      return printable("monitor " + address->object);
    case Address::Kind::alert:  // alerts kind
      return printable("alert " + address->child + " of project " + address->object);
    case Address::Kind::key:  // keys
      return printable("key \"" + address->child + "\" of project " + address->object);
  }
  return printable(text);
}

std::string printable(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '?';
  }
  return clean;
}

std::string Group::title() const {
  return printable(organization.empty() ? instance : instance + " / " + organization);
}

std::vector<Group> group_by_organization(const Plan& plan) {
  std::map<std::pair<std::string, std::string>, Group> groups;
  const auto group_of = [&groups](const std::string& instance,
                                  const std::string& organization) -> Group& {
    Group& group = groups[{instance, organization}];
    group.instance = instance;
    group.organization = organization;
    return group;
  };
  for (const Action& action : plan.actions) {
    group_of(action.instance, action.organization).actions.push_back(&action);
  }
  for (const Adoption& adoption : plan.adoptions) {
    group_of(adoption.instance, adoption.organization).adoptions.push_back(&adoption);
  }
  for (const Drift& drift : plan.drift) {
    group_of(drift.instance, drift.organization).drift.push_back(&drift);
  }
  std::vector<Group> sorted;
  sorted.reserve(groups.size());
  for (auto& [key, group] : groups) sorted.push_back(std::move(group));
  return sorted;
}

}  // namespace gg::wording
