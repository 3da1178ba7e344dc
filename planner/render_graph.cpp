#include "planner/render_graph.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "planner/plan_wording.hpp"
#include "planner/render_mermaid.hpp"

namespace gg {
namespace {

// Okabe-Ito colours, one per kind of object.
struct Kind {
  std::string_view name;
  std::string_view fill;
  std::string_view stroke;
};
constexpr Kind kInstance{"instance", "#FFFFFF", "#000000"};
constexpr Kind kOrganization{"organization", "#DCEBF7", "#0072B2"};
constexpr Kind kTeam{"team", "#FFF1CC", "#E69F00"};
constexpr Kind kProject{"project", "#E3F4EC", "#009E73"};
constexpr Kind kUser{"user", "#F6E4EE", "#CC79A7"};
constexpr Kind kKinds[] = {kInstance, kOrganization, kTeam, kProject, kUser};

// Nodes and edges in the chosen format.
class Writer {
 public:
  explicit Writer(GraphFormat format) : format_(format) {}

  std::string node(char prefix, const Kind& kind, const std::string& label) {
    std::string id = prefix + std::to_string(++counts_[prefix]);
    if (format_ == GraphFormat::mermaid) {
      body_ +=
          "  " + id + "[\"" + mermaid_label(label, 80) + "\"]:::" + std::string(kind.name) + "\n";
    } else {
      body_ += "  " + id + " [label=\"" + dot_label(label) + "\", fillcolor=\"" +
               std::string(kind.fill) + "\", color=\"" + std::string(kind.stroke) + "\"];\n";
    }
    return id;
  }

  void edge(const std::string& from, const std::string& to) {
    body_ += "  " + from + (format_ == GraphFormat::mermaid ? " --> " : " -> ") + to +
             (format_ == GraphFormat::mermaid ? "\n" : ";\n");
  }

  std::string text() const {
    if (format_ == GraphFormat::dot) {
      return "digraph definitions {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", "
             "fontname=\"Helvetica\"];\n" +
             body_ + "}\n";
    }
    std::string out = "flowchart LR\n" + body_;
    for (const Kind& kind : kKinds) {
      out += "  classDef " + std::string(kind.name) + " fill:" + std::string(kind.fill) +
             ",stroke:" + std::string(kind.stroke) + ",stroke-width:2px,color:#000\n";
    }
    return out;
  }

 private:
  GraphFormat format_;
  std::string body_;
  std::map<char, int> counts_;
};

std::string role_words(const Member& member) {
  return std::string(to_string(member.role));
}

void draw_organization(const Organization& organization, const std::string& instance_id,
                       Writer& writer) {
  const std::string organization_id = writer.node(
      'o', kOrganization,
      "organization " + organization.name + (organization.is_protected ? " (protected)" : ""));
  writer.edge(instance_id, organization_id);
  std::map<std::string, std::string> team_ids;
  for (const auto& [slug, team] : organization.teams) {
    team_ids[slug] = writer.node('t', kTeam, "team " + slug);
    writer.edge(organization_id, team_ids[slug]);
  }
  for (const auto& [slug, project] : organization.projects) {
    const std::string id = writer.node(
        'p', kProject, "project " + slug + (project.is_protected ? " (protected)" : ""));
    for (const std::string& team : project.teams) {
      if (team_ids.contains(team)) writer.edge(team_ids[team], id);
    }
    if (project.teams.empty()) writer.edge(organization_id, id);
  }
  for (const auto& [email, member] : organization.members) {
    const std::string id = writer.node('u', kUser, email + " \u00b7 " + role_words(member));
    bool in_team = false;
    for (const auto& [slug, team] : organization.teams) {
      if (std::binary_search(team.members.begin(), team.members.end(), email)) {
        writer.edge(team_ids[slug], id);
        in_team = true;
      }
    }
    if (!in_team) writer.edge(organization_id, id);
  }
}

}  // namespace

std::string dot_label(const std::string& text) {
  std::string out;
  for (const char c : wording::printable(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

Result<std::string> render_definitions_graph(const State& desired, const GraphOptions& options) {
  const std::set<std::string> wanted(options.organizations.begin(), options.organizations.end());
  std::set<std::string> found;
  Writer writer(options.format);
  for (const auto& [name, instance] : desired.instances) {
    const bool any = std::any_of(
        instance.organizations.begin(), instance.organizations.end(),
        [&](const auto& entry) { return wanted.empty() || wanted.contains(entry.first); });
    if (!any) continue;
    const std::string instance_id =
        writer.node('i', kInstance, "instance " + name + " \u00b7 " + instance.settings.url);
    for (const auto& [organization_name, organization] : instance.organizations) {
      if (!wanted.empty() && !wanted.contains(organization_name)) continue;
      found.insert(organization_name);
      draw_organization(organization, instance_id, writer);
    }
  }
  Errors errors;
  for (const std::string& name : wanted) {
    if (!found.contains(name)) {
      errors.push_back(Error{"--organization " + wording::printable(name),
                             "no instance in the definitions declares this organization",
                             "give an organization's name as the definitions spell it"});
    }
  }
  if (!errors.empty()) return errors;
  return writer.text();
}

}  // namespace gg
