// glitchtip-gitops validate: load the definitions, print a summary or every error.

#include <iostream>
#include <string>

#include "cmd/commands.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "providers/definitions/definitions.hpp"

namespace gg::cmd {

namespace {

struct Counts {
  size_t instances = 0, organizations = 0, teams = 0, projects = 0, members = 0;
};

Counts count(const State& state) {
  Counts counts;
  for (const auto& [name, instance] : state.instances) {
    ++counts.instances;
    for (const auto& [organization_name, organization] : instance.organizations) {
      ++counts.organizations;
      counts.teams += organization.teams.size();
      counts.projects += organization.projects.size();
      counts.members += organization.members.size();
    }
  }
  return counts;
}

int run_validate(const std::string& directory, const Log& log) {
  const Result<Definitions> definitions = load_definitions(directory);
  if (!definitions.ok()) return log.failed(definitions.errors());
  for (const Error& warning : definitions->warnings) log.warn(warning.to_string());
  const Counts counts = count(definitions->desired);
  std::cout << "Definitions are valid: " << definitions->files.size() << " files, "
            << definitions->document_count << " documents, " << counts.instances << " instances, "
            << counts.organizations << " organizations, " << counts.teams << " teams, "
            << counts.projects << " projects, " << counts.members << " members.\n";
  return kExitSuccess;
}

}  // namespace

void add_validate_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand(
      "validate",
      "Check the YAML definitions without contacting GlitchTip: schemas, references, duplicate\n"
      "names and slugs. Needs no token. Prints every problem as file:line:col and exits 1,\n"
      "or prints a one-line summary and exits 0.\n"
      "Example: glitchtip-gitops validate -d definitions/");
  auto directory = std::make_shared<std::string>(".");
  command
      ->add_option("-d,--directory,--definitions", *directory,
                   "Definitions directory, read recursively (--definitions: the old name)")
      ->capture_default_str();
  command->callback(
      [&context, directory] { context.exit_code = run_validate(*directory, log_of(context)); });
}

}  // namespace gg::cmd
