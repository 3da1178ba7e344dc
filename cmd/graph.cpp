// `glitchtip-gitops graph [-d DIR] [--organization NAME]... [--format mermaid|dot]`: draws
// the definitions (planner/render_graph.hpp) on stdout. Needs no token, reads no network.
// Exit 0, or 1 with every problem on stderr.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cmd/commands.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "planner/render_graph.hpp"
#include "providers/definitions/definitions.hpp"

namespace gg::cmd {
namespace {

struct GraphArguments {
  std::string directory = ".";
  std::vector<std::string> organizations;
  std::string format = "mermaid";
};

int run_graph(const GraphArguments& arguments, const Log& log) {
  const Result<Definitions> definitions = load_definitions(arguments.directory);
  if (!definitions.ok()) return log.failed(definitions.errors());
  const Result<std::string> graph = render_definitions_graph(
      definitions->desired,
      {.format = arguments.format == "dot" ? GraphFormat::dot : GraphFormat::mermaid,
       .organizations = arguments.organizations});
  if (!graph.ok()) return log.failed(graph.errors());
  std::cout << graph.value();
  std::cout.flush();
  return std::cout ? kExitSuccess : kExitError;
}

}  // namespace

void add_graph_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<GraphArguments>();
  CLI::App* command = app.add_subcommand(
      "graph",
      "Draw the definitions: instances, organizations, teams, projects, members and roles,\n"
      "as a Mermaid flowchart (for a README: put it in a ```mermaid block) or Graphviz DOT.\n"
      "Needs no token. Example: glitchtip-gitops graph -d definitions/ > definitions.mmd");
  command->add_option("-d,--directory", arguments->directory,
                      "Definitions directory, read recursively (default: .)");
  command->add_option("--organization", arguments->organizations,
                      "Draw only this organization, by name (repeatable)");
  command->add_option("--format", arguments->format, "mermaid (default) or dot")
      ->check(CLI::IsMember({"mermaid", "dot"}));
  command->callback(
      [arguments, &context] { context.exit_code = run_graph(*arguments, log_of(context)); });
}

}  // namespace gg::cmd
