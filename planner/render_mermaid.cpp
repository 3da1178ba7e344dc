#include "planner/render_mermaid.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "planner/action.hpp"
#include "planner/address.hpp"
#include "planner/render_markdown.hpp"

namespace gg {
namespace {

// What the plan does to an element; a later, stronger mark wins over a weaker one.
enum class Mark { context, adopted, changed, added, cascade, removed };

constexpr Mark kMarks[] = {Mark::added,   Mark::changed, Mark::removed,
                           Mark::cascade, Mark::adopted, Mark::context};

std::string_view class_name(Mark mark) {
  switch (mark) {
    case Mark::added:
      return "added";
    case Mark::changed:
      return "changed";
    case Mark::removed:
      return "removed";
    case Mark::cascade:
      return "cascade";
    case Mark::adopted:
      return "adopted";
    case Mark::context:
      break;
  }
  return "unchanged";
}

// The plan's symbols (+ ~ - >), and × for what goes with a removed parent.
std::string_view prefix(Mark mark) {
  switch (mark) {
    case Mark::added:
      return "+ ";
    case Mark::changed:
      return "~ ";
    case Mark::removed:
      return "- ";
    case Mark::cascade:
      return "\u00d7 ";
    case Mark::adopted:
      return "> ";
    case Mark::context:
      break;
  }
  return "";
}

std::string_view legend_text(Mark mark) {
  switch (mark) {
    case Mark::added:
      return "+ added";
    case Mark::changed:
      return "~ changed";
    case Mark::removed:
      return "- removed";
    case Mark::cascade:
      return "\u00d7 removed with its parent";
    case Mark::adopted:
      return "> adopted (exists, now managed)";
    case Mark::context:
      break;
  }
  return "unchanged";
}

// Okabe-Ito colours; stroke width and dash tell the marks apart without colour.
std::string_view node_style(Mark mark) {
  switch (mark) {
    case Mark::added:
      return "fill:#E3F4EC,stroke:#009E73,stroke-width:3px,color:#000";
    case Mark::changed:
      return "fill:#FFF1CC,stroke:#E69F00,stroke-width:3px,stroke-dasharray:2 2,color:#000";
    case Mark::removed:
      return "fill:#FBE0D0,stroke:#D55E00,stroke-width:4px,stroke-dasharray:8 4,color:#000,"
             "font-weight:bold";
    case Mark::cascade:
      return "fill:#FBE0D0,stroke:#D55E00,stroke-width:2px,stroke-dasharray:8 4,color:#000";
    case Mark::adopted:
      return "fill:#DCEBF7,stroke:#0072B2,stroke-width:2px,stroke-dasharray:10 3 2 3,"
             "color:#000";
    case Mark::context:
      break;
  }
  return "fill:#FFFFFF,stroke:#777777,stroke-width:1px,color:#000";
}

std::string_view link_style(Mark mark) {
  switch (mark) {
    case Mark::added:
      return "stroke:#009E73,stroke-width:3px";
    case Mark::removed:
      return "stroke:#D55E00,stroke-width:3px,stroke-dasharray:8 4";
    case Mark::cascade:
      return "stroke:#D55E00,stroke-width:2px,stroke-dasharray:8 4";
    case Mark::adopted:
      return "stroke:#0072B2,stroke-width:2px,stroke-dasharray:10 3 2 3";
    case Mark::changed:
    case Mark::context:
      break;
  }
  return "stroke:#777777,stroke-width:1px";
}

// The arrow between two nodes: thick for an added link, dashed and labelled for a removed one.
std::string_view arrow(Mark mark) {
  switch (mark) {
    case Mark::added:
      return " ==> ";
    case Mark::removed:
      return " -. removed .-> ";
    case Mark::cascade:
      return " -. with parent .-> ";
    case Mark::adopted:
    case Mark::changed:
    case Mark::context:
      break;
  }
  return " --> ";
}

void raise(Mark& slot, Mark mark) {
  slot = std::max(slot, mark);
}

using Pair = std::pair<std::string, std::string>;

// The elements of one organization the plan names, each with its strongest mark.
struct Graph {
  Mark organization = Mark::context;
  std::string organization_name;
  std::map<std::string, Mark> teams;     // by slug
  std::map<std::string, Mark> projects;  // by slug
  std::map<std::string, Mark> members;   // by e-mail
  std::map<Pair, Mark> project_links;    // (team, project)
  std::map<Pair, Mark> memberships;      // (team, e-mail)
};

void note_team(Graph& graph, const std::string& team, Mark mark) {
  raise(graph.teams[team], mark);
}

void note(Graph& graph, const Address& address, Mark mark) {
  switch (address.kind) {
    case Address::Kind::instance:
    case Address::Kind::monitor:  // monitors: the diagram shows access, which they do not grant
      break;
    case Address::Kind::organization:
      raise(graph.organization, mark);
      break;
    case Address::Kind::team:
      note_team(graph, address.object, mark);
      break;
    case Address::Kind::project:
      raise(graph.projects[address.object], mark);
      break;
    case Address::Kind::member:
      raise(graph.members[address.object], mark);
      break;
    case Address::Kind::team_member:
      note_team(graph, address.object, Mark::context);
      raise(graph.members[address.child], Mark::context);
      raise(graph.memberships[{address.object, address.child}], mark);
      break;
    case Address::Kind::project_team:
      note_team(graph, address.child, Mark::context);
      raise(graph.projects[address.object], Mark::context);
      raise(graph.project_links[{address.child, address.object}], mark);
      break;
    case Address::Kind::alert:  // alerts kind: shown on its project
    case Address::Kind::key:    // keys: drawn as a change to their project
      raise(graph.projects[address.object], mark);
      break;
  }
}

void note(Graph& graph, std::string_view text, Mark mark) {
  if (const std::optional<Address> address = Address::parse(text)) note(graph, *address, mark);
}

Mark action_mark(ActionType type) {
  switch (change_kind(type)) {
    case ChangeKind::add:
      return Mark::added;
    case ChangeKind::change:
      return Mark::changed;
    case ChangeKind::destroy:
      break;
  }
  return Mark::removed;
}

void note_project_links(Graph& graph, const Action& action) {
  const auto link = [&](const nlohmann::json& team, Mark mark) {
    if (!team.is_string()) return;
    note_team(graph, team.get<std::string>(), Mark::context);
    raise(graph.project_links[{team.get<std::string>(), action.project}], mark);
  };
  if (action.type == ActionType::create_project && action.after.is_object()) {
    link(action.after.value("team", nlohmann::json()), Mark::added);
  }
  if (action.type == ActionType::delete_project && action.before.is_object()) {
    const nlohmann::json teams = action.before.value("teams", nlohmann::json::array());
    if (teams.is_array()) {
      for (const nlohmann::json& team : teams) link(team, Mark::cascade);
    }
  }
}

Graph graph_of(const wording::Group& group) {
  Graph graph;
  graph.organization_name = group.organization;
  for (const Action* action : group.actions) {
    note(graph, action->address, action_mark(action->type));
    if (!action->project.empty()) note_project_links(graph, *action);
    for (const std::string& consequence : action->consequences) {
      note(graph, consequence, Mark::cascade);
    }
  }
  for (const Adoption* adoption : group.adoptions) note(graph, adoption->address, Mark::adopted);
  return graph;
}

// Appends one UTF-8 sequence starting at text[i] to `out` if it is valid; advances i.
bool take_utf8(std::string_view text, std::size_t& i, std::string& out) {
  const auto byte = static_cast<unsigned char>(text[i]);
  const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
  if (length == 0 || byte > 0xF4 || i + length > text.size()) return false;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
  }
  out.append(text.substr(i, length));
  i += length;
  return true;
}

bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view(" .,@+-_/:~()").find(c) != std::string_view::npos;
}

// A diagram being written: node ids in order, edges counted for linkStyle.
struct Writer {
  std::string nodes;
  std::string edges;
  std::size_t node_count = 0;
  std::size_t edge_count = 0;
  std::map<Mark, std::vector<std::size_t>> links_by_mark;
  std::vector<bool> used = std::vector<bool>(6, false);

  void node(const std::string& id, std::string_view kind, std::string_view name, Mark mark) {
    nodes += "  " + id + "[\"" + mermaid_label(std::string(prefix(mark)) + std::string(kind)) +
             mermaid_label(name) + "\"]:::" + std::string(class_name(mark)) + "\n";
    ++node_count;
    used[static_cast<std::size_t>(mark)] = true;
  }
  void edge(const std::string& from, const std::string& to, Mark mark) {
    edges += "  " + from + std::string(arrow(mark)) + to + "\n";
    links_by_mark[mark].push_back(edge_count++);
  }
};

// Ids by key, in key order: prefix + 1-based position.
std::map<std::string, std::string> ids(const std::map<std::string, Mark>& elements,
                                       const std::string& prefix) {
  std::map<std::string, std::string> result;
  std::size_t n = 0;
  for (const auto& element : elements) result[element.first] = prefix + std::to_string(++n);
  return result;
}

struct MemberCount {
  std::size_t total = 0;
  std::map<Mark, std::size_t> by_mark;
  Mark strongest = Mark::context;
};

std::string count_text(const MemberCount& count) {
  std::string text = std::to_string(count.total) + (count.total == 1 ? " member" : " members");
  std::string detail;
  for (const Mark mark : kMarks) {
    const auto found = count.by_mark.find(mark);
    if (found == count.by_mark.end() || mark == Mark::context) continue;
    detail += (detail.empty() ? "" : ", ") + std::to_string(found->second) + " " +
              std::string(class_name(mark));
  }
  return detail.empty() ? text : text + ": " + detail;
}

void write_members(const Graph& graph, const std::map<std::string, std::string>& team_ids,
                   bool collapse, Writer& writer) {
  std::map<std::string, bool> in_team;
  for (const auto& membership : graph.memberships) in_team[membership.first.second] = true;
  if (!collapse) {
    const auto member_ids = ids(graph.members, "m");
    for (const auto& [email, mark] : graph.members) {
      writer.node(member_ids.at(email), "member ", email, mark);
    }
    for (const auto& [key, mark] : graph.memberships) {
      writer.edge(team_ids.at(key.first), member_ids.at(key.second), mark);
    }
    for (const auto& [email, mark] : graph.members) {
      if (!in_team.contains(email)) writer.edge("o", member_ids.at(email), mark);
    }
    return;
  }
  // One count per team, and one for members in no team the plan names.
  std::map<std::string, MemberCount> counts;
  const auto add = [&](const std::string& team, Mark mark) {
    MemberCount& count = counts[team];
    ++count.total;
    ++count.by_mark[mark];
    raise(count.strongest, mark);
  };
  for (const auto& [key, mark] : graph.memberships) {
    add(key.first, std::max(mark, graph.members.at(key.second)));
  }
  for (const auto& [email, mark] : graph.members) {
    if (!in_team.contains(email)) add("", mark);
  }
  std::size_t n = 0;
  for (const auto& [team, count] : counts) {
    const std::string id = "c" + std::to_string(++n);
    writer.node(id, "", count_text(count), count.strongest);
    writer.edge(team.empty() ? "o" : team_ids.at(team), id, count.strongest);
  }
}

void write_legend(Writer& writer, std::string& out) {
  out += "  subgraph legend[\"Legend\"]\n";
  std::size_t n = 0;
  for (const Mark mark : kMarks) {
    if (!writer.used[static_cast<std::size_t>(mark)]) continue;
    out += "    l" + std::to_string(++n) + "[\"" + mermaid_label(legend_text(mark)) +
           "\"]:::" + std::string(class_name(mark)) + "\n";
  }
  out += "  end\n";
  writer.node_count += n;
}

std::string render(const Graph& graph, bool collapse, std::size_t& node_count) {
  Writer writer;
  writer.node("o", "organization ", graph.organization_name, graph.organization);
  const auto team_ids = ids(graph.teams, "t");
  const auto project_ids = ids(graph.projects, "p");
  for (const auto& [slug, mark] : graph.teams) writer.node(team_ids.at(slug), "team ", slug, mark);
  for (const auto& [slug, mark] : graph.projects) {
    writer.node(project_ids.at(slug), "project ", slug, mark);
  }
  for (const auto& [slug, mark] : graph.teams) writer.edge("o", team_ids.at(slug), mark);
  std::map<std::string, bool> linked;
  for (const auto& [key, mark] : graph.project_links) {
    writer.edge(team_ids.at(key.first), project_ids.at(key.second), mark);
    linked[key.second] = true;
  }
  for (const auto& [slug, mark] : graph.projects) {
    if (!linked.contains(slug)) writer.edge("o", project_ids.at(slug), mark);
  }
  write_members(graph, team_ids, collapse, writer);

  std::string out = "flowchart LR\n" + writer.nodes + writer.edges;
  write_legend(writer, out);
  for (const Mark mark : kMarks) {
    if (writer.used[static_cast<std::size_t>(mark)]) {
      out += "  classDef " + std::string(class_name(mark)) + " " + std::string(node_style(mark)) +
             "\n";
    }
  }
  for (const auto& [mark, indices] : writer.links_by_mark) {
    std::string list;
    for (const std::size_t index : indices) {
      list += (list.empty() ? "" : ",") + std::to_string(index);
    }
    out += "  linkStyle " + list + " " + std::string(link_style(mark)) + "\n";
  }
  node_count = writer.node_count;
  return out;
}

std::string diagram_section(const wording::Group& group, const PlanDiagram& diagram,
                            const std::string& why_collapsed) {
  std::string out = "#### Diagram: " + escape_markdown(group.title()) + "\n\n```mermaid\n" +
                    diagram.source + "```\n\n";
  if (diagram.members_collapsed) {
    out += "<sub>Members are drawn as counts per team: " + why_collapsed +
           ". The details below list every member.</sub>\n\n";
  }
  return out;
}

}  // namespace

std::string mermaid_label(std::string_view text, std::size_t max_chars) {
  const std::string clean = wording::printable(text);
  // Split into characters first, so that a cut never falls inside one or its entity code.
  std::vector<std::string> characters;
  for (std::size_t i = 0; i < clean.size();) {
    const char c = clean[i];
    std::string character;
    if (plain(c)) {
      character = std::string(1, c);
      ++i;
    } else if (static_cast<unsigned char>(c) < 0x80) {
      character = "#" + std::to_string(static_cast<int>(c)) + ";";
      ++i;
    } else if (!take_utf8(clean, i, character)) {
      character = "#65533;";  // not UTF-8: the replacement character
      ++i;
    }
    characters.push_back(std::move(character));
  }
  const bool cut = max_chars > 0 && characters.size() > max_chars;
  if (cut) characters.resize(max_chars - 1);
  std::string out;
  for (const std::string& character : characters) out += character;
  if (cut) out += "\u2026";
  return out;
}

PlanDiagram plan_diagram(const wording::Group& group, bool collapse) {
  const Graph graph = graph_of(group);
  PlanDiagram diagram;
  diagram.members_collapsed = collapse;
  diagram.source = render(graph, collapse, diagram.nodes);
  return diagram;
}

std::string plan_diagrams_markdown(const std::vector<wording::Group>& groups, std::size_t room) {
  // Kept for the note that names how many diagrams were left out.
  constexpr std::size_t kNoteBytes = 200;
  room = room > kNoteBytes ? room - kNoteBytes : 0;
  std::string out;
  std::size_t left_out = 0;
  for (const wording::Group& group : groups) {
    if (group.actions.empty() && group.adoptions.empty()) continue;
    const PlanDiagram full = plan_diagram(group, false);
    std::string section;
    std::string why = "the whole diagram does not fit in this comment's size budget";
    if (full.nodes <= kMaxDiagramNodes) {
      section = diagram_section(group, full, "");
    } else {
      why = "the whole diagram has " + std::to_string(full.nodes) +
            " nodes, too many to read (the limit is " + std::to_string(kMaxDiagramNodes) + ")";
    }
    if (section.empty() || section.size() > room) {
      section = diagram_section(group, plan_diagram(group, true), why);
    }
    if (section.size() > room) {
      ++left_out;
      continue;
    }
    room -= section.size();
    out += section;
  }
  if (left_out > 0) {
    out +=
        "<sub>" + std::to_string(left_out) + (left_out == 1 ? " diagram is" : " diagrams are") +
        " left out: they do not fit in this comment's size budget (--max-bytes). `glitchtip-gitops "
        "graph` draws the definitions.</sub>\n\n";
  }
  return out;
}

}  // namespace gg
