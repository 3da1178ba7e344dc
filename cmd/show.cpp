// `glitchtip-gitops show PLAN [--format text|markdown|json] [--no-color] [--max-bytes N]
// [--no-diagram]`:
// reads a plan file, checks it as apply would (format version, schema, plan_sha256) and
// prints it. Exit 0, or 1 with the reason on stderr.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>

#include "cmd/commands.hpp"
#include "cmd/log.hpp"
#include "cmd/plan_output.hpp"
#include "cmd/terminal.hpp"
#include "planner/plan_file.hpp"
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

Result<std::string> read_plan_file(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    return Error{path, "cannot read the plan file: " + error.message(),
                 "give the path of a file written by `glitchtip-gitops plan --out`"};
  }
  if (size > kMaxPlanFileBytes) {
    return Error{path,
                 "the plan file is " + std::to_string(size) + " bytes, more than the limit of " +
                     std::to_string(kMaxPlanFileBytes),
                 "this is not a plan glitchtip-gitops made; check the path"};
  }
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Error{path, "cannot read the plan file", ""};
  return text;
}

int show(const ShowOptions& options, const Log& log) {
  const Result<std::string> text = read_plan_file(options.plan_path);
  Result<Plan> plan =
      text.ok() ? read_plan(text.value(), options.plan_path) : Result<Plan>(text.errors());
  if (!plan.ok()) {
    log.errors(plan.errors());
    return 1;
  }
  PlanOutputOptions output;
  output.format = options.format;
  output.color = use_color(options.no_color);
  output.max_bytes = options.max_bytes;
  output.diagram = !options.no_diagram;
  output.plan_file = options.plan_path;
  std::cout << render_plan_as(plan.value(), output);
  std::cout.flush();
  return std::cout ? 0 : 1;
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
  command
      ->add_option("--max-bytes", options->max_bytes,
                   "Markdown size budget; details beyond it are cut (default 65000; GitHub "
                   "comments hold 65536, GitLab notes 1000000)")
      ->check(CLI::Range(size_t{1000}, size_t{100'000'000}));
  command->add_flag("--no-diagram", options->no_diagram,
                    "No Mermaid diagram of the changes in Markdown output");
  command->callback([options, &context] {
    context.exit_code = show(*options, Log(context.log_level, context.log_format, std::cerr));
  });
}

}  // namespace gg::cmd
