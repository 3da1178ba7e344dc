// `glitchtip-gitops apply PLAN`: perform exactly the approved plan, refusing a plan that no
// longer fits the world, and record every success in the snapshot (docs/design.md §6).

#include <iostream>
#include <memory>

#include "cmd/apply_run.hpp"
#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"

namespace gg::cmd {

void add_apply_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<ApplyArguments>();
  CLI::App* command = app.add_subcommand(
      "apply",
      "Perform a saved plan: exactly its actions, in its order. Refuses a plan that was\n"
      "edited, made against another snapshot, or whose objects changed in GlitchTip since.");
  command->add_option("plan", arguments->plan_file, "The plan file written by plan --out")
      ->required();
  add_snapshot_option(*command, arguments->snapshot);
  add_parallelism_option(*command, arguments->parallelism);
  command->add_option("--expect", arguments->expect,
                      "Apply only if the plan's plan_sha256 is this (the approved plan)");
  add_lock_timeout_option(*command, arguments->lock_timeout_seconds);
  command
      ->add_option("--max-age", arguments->max_age_hours,
                   "Warn when the plan is older than this many hours (default 168: 7 days)")
      ->check(CLI::NonNegativeNumber);
  command->add_option("-d,--directory", arguments->directory,
                      "Definitions directory the plan was made from, read only for the webhook "
                      "URLs of alerts it creates or updates (default: .)");
  command->add_flag("--strict-age", arguments->strict_age,
                    "Refuse, rather than warn about, a plan older than --max-age");
  command
      ->add_option("--log-format", arguments->log_format,
                   "text, or json for one event per action on stdout")
      ->check(CLI::IsMember({"text", "json"}));
  command->callback([arguments, command, &context] {
    // `--log-format` given after `apply` wins; otherwise the global one applies.
    if (command->count("--log-format") == 0) arguments->log_format = context.log_format;
    context.exit_code =
        run_apply(*arguments, Log(context.log_level, arguments->log_format, std::cerr));
  });
}

}  // namespace gg::cmd
