// `glitchtip-gitops state list|show` and `force-unlock`: look into the snapshot, and clear a
// stale lock (docs/design.md §8, §4.3). pull, push, versions and restore are in
// state_transfer.cpp.

#include <iostream>

#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "cmd/snapshot_location.hpp"
#include "cmd/state_transfer.hpp"
#include "cmd/terminal.hpp"
#include "planner/address.hpp"
#include "planner/object_json.hpp"

namespace gg::cmd {
namespace {

struct StateArguments {
  std::string snapshot;
  std::vector<std::string> instances;
  std::string address;
};

// Every managed object of the snapshot, by address, with its recorded JSON.
std::map<std::string, nlohmann::json> managed_objects(const State& recorded) {
  std::map<std::string, nlohmann::json> objects;
  for (const auto& [instance_name, instance] : recorded.instances) {
    for (const auto& [slug, organization] : instance.organizations) {
      const std::string& org = organization.name;
      objects[Address::of_organization(instance_name, org).to_string()] =
          organization_json(organization);
      for (const auto& [team_slug, team] : organization.teams) {
        objects[Address::of_team(instance_name, org, team_slug).to_string()] =
            team_json(slug, team);
      }
      for (const auto& [project_slug, project] : organization.projects) {
        objects[Address::of_project(instance_name, org, project_slug).to_string()] =
            project_json(slug, project);
      }
      for (const auto& [email, member] : organization.members) {
        objects[Address::of_member(instance_name, org, email).to_string()] =
            member_json(slug, member);
      }
    }
  }
  return objects;
}

Result<StoredSnapshot> read_snapshot(const std::string& flag) {
  auto store = open_snapshot_store(flag);
  if (!store.ok()) return store.errors();
  return (*store)->read();
}

int run_list(const StateArguments& arguments, const Log& log) {
  Result<StoredSnapshot> stored = read_snapshot(arguments.snapshot);
  if (!stored.ok()) return log.failed(stored.errors());
  if (!stored->exists) {
    log.info("There is no snapshot yet: nothing is managed. apply writes the first one.");
    return kExitSuccess;
  }
  for (const auto& [address, object] : managed_objects(stored->snapshot.recorded)) {
    const std::string instance = address.substr(0, address.find('/'));
    if (!arguments.instances.empty() &&
        std::find(arguments.instances.begin(), arguments.instances.end(), instance) ==
            arguments.instances.end()) {
      continue;
    }
    std::cout << address << "\n";
  }
  return kExitSuccess;
}

int run_show(const StateArguments& arguments, const Log& log) {
  Result<StoredSnapshot> stored = read_snapshot(arguments.snapshot);
  if (!stored.ok()) return log.failed(stored.errors());
  const auto objects = managed_objects(stored->snapshot.recorded);
  const auto found = objects.find(arguments.address);
  if (found == objects.end()) {
    return log.failed({{arguments.address, "the snapshot manages no such object",
                        "`glitchtip-gitops state list` lists every managed address"}});
  }
  std::cout << found->second.dump(2) << "\n";
  return kExitSuccess;
}

}  // namespace

void add_state_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<StateArguments>();
  CLI::App* state = app.add_subcommand("state", "Look into the snapshot: what is managed.");
  state->require_subcommand(1);
  add_snapshot_option(*state, arguments->snapshot);
  CLI::App* list = state->add_subcommand("list", "List the address of every managed object.");
  list->add_option("--instance", arguments->instances, "Only this instance (repeatable)");
  list->callback(
      [arguments, &context] { context.exit_code = run_list(*arguments, log_of(context)); });
  CLI::App* show = state->add_subcommand("show", "Show the recorded values and ids of one object.");
  show->add_option("address", arguments->address, "e.g. glitchtip-prod/NASA/team/nasa-pilots")
      ->required();
  show->callback(
      [arguments, &context] { context.exit_code = run_show(*arguments, log_of(context)); });
  add_state_transfer_commands(
      *state, std::shared_ptr<const std::string>(arguments, &arguments->snapshot), context);
  state->fallthrough();
}

void add_force_unlock_command(CLI::App& app, CommandContext& context) {
  auto snapshot = std::make_shared<std::string>();
  auto lock_id = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "force-unlock",
      "Remove a stale snapshot lock left by a run that died. Only the lock with this id is\n"
      "removed; make sure its process is really gone first.");
  command->add_option("lock_id", *lock_id, "The lock id the error message names")->required();
  add_snapshot_option(*command, *snapshot);
  command->callback([snapshot, lock_id, &context] {
    const Log log = log_of(context);
    auto store = open_snapshot_store(*snapshot);
    if (!store.ok()) {
      context.exit_code = log.failed(store.errors());
      return;
    }
    Status unlocked = (*store)->unlock(*lock_id);
    if (!unlocked.ok()) {
      context.exit_code = log.failed(unlocked.errors());
      return;
    }
    std::cout << "Removed the lock " << *lock_id << " of " << (*store)->describe() << ".\n";
    context.exit_code = kExitSuccess;
  });
}

}  // namespace gg::cmd
