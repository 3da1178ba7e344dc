// `glitchtip-gitops show PLAN [--format text|markdown|json] [--no-color] [--max-bytes N]
// [--no-diagram]`:
// reads a plan file, checks it as apply would (format version, schema, plan_sha256) and
// prints it. Exit 0, or 1 with the reason on stderr.

#include <iostream>
#include <memory>
#include <string>

#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "cmd/plan_file_loading.hpp"
#include "cmd/plan_output.hpp"
#include "cmd/terminal.hpp"
#include "planner/render_markdown.hpp"

namespace gg::cmd {
namespace {

struct ShowOptions {
  std::string plan_path;
  std::string format = "text";
  bool no_color = false;
  std::size_t max_bytes = MarkdownOptions{}.max_bytes;
  bool no_diagram = false;
};

int show(const ShowOptions& options, const Log& log) {
  const Result<Plan> plan = load_plan_file(options.plan_path);
  if (!plan.ok()) return log.failed(plan.errors());
  PlanOutputOptions output;
  output.format = options.format;
  output.color = use_color(options.no_color);
  output.max_bytes = options.max_bytes;
  output.diagram = !options.no_diagram;
  output.plan_file = options.plan_path;
  std::cout << render_plan_as(plan.value(), output);
  std::cout.flush();
  return std::cout ? kExitSuccess : kExitError;
}

}  // namespace

void add_show_command(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* command = app.add_subcommand(
      "show", "Check a plan file (as apply does) and print it as text, Markdown or JSON.");
  command->add_option("PLAN", options->plan_path, "The plan file, from plan --out")->required();
  command->add_option("--format", options->format, "text (default), markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  command->add_flag("--no-color", options->no_color, "No ANSI colour in text output");
  add_markdown_options(*command, options->max_bytes, options->no_diagram);
  command->callback([options, &context] { context.exit_code = show(*options, log_of(context)); });
}

}  // namespace gg::cmd
