// `glitchtip-gitops import`: read a live GlitchTip and write definitions of it, so that the
// first plan only adopts what is there (docs/import.md).

#include <filesystem>
#include <iostream>
#include <mutex>
#include <regex>
#include <set>

#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"
#include "cmd/exit_code.hpp"
#include "cmd/log.hpp"
#include "cmd/process_protection.hpp"
#include "planner/api_generation.hpp"
#include "providers/export/definitions_export.hpp"
#include "providers/export/definitions_tree.hpp"
#include "providers/export/emulator_seed.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/glitchtip/responses.hpp"
#include "providers/snapshot/atomic_file.hpp"

namespace gg::cmd {
namespace {

struct ImportArguments {
  std::string url;
  std::string token_env;
  std::string automation_user;
  std::string instance;
  std::string out;
  std::vector<std::string> organizations;
  std::string mail_domain;
  bool no_roles = false;
  std::string emulator_seed;
  bool force = false;
  int parallelism = 8;
};

// E-mails as GlitchTip spells them, and who was seen in which organization, collected
// from the reads (the model keeps e-mails lower-case).
class MemberSpellings {
 public:
  void note(const std::string& organization, const std::string& email) {
    std::lock_guard lock(mutex_);
    const std::string lower = glitchtip::lower_case(email);
    spellings_.emplace(lower, email);
    seen_[organization].insert(lower);
  }
  std::map<std::string, std::string> spellings() const {
    std::lock_guard lock(mutex_);
    return spellings_;
  }
  bool seen_in(const std::string& organization, const std::string& email) const {
    std::lock_guard lock(mutex_);
    const auto found = seen_.find(organization);
    return found != seen_.end() && found->second.contains(email);
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> spellings_;
  std::map<std::string, std::set<std::string>> seen_;
};

// Long, lower-case letters and digits only: a token, not a variable's name.
bool looks_like_a_token(const std::string& text) {
  return text.size() >= 32 && std::regex_match(text, std::regex("^[a-z0-9]+$"));
}

Errors check_arguments(const ImportArguments& arguments) {
  Errors errors;
  const auto check = [&](const std::string& flag, const std::string& value, const char* pattern,
                         const std::string& expected) {
    if (!std::regex_match(value, std::regex(pattern))) {
      errors.push_back(Error{flag + " " + value, "is not " + expected, ""});
    }
  };
  check("--instance", arguments.instance, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
        "an instance name (lower-case letters, digits and '-')");
  check("--url", arguments.url, "^https?://[^\\s/]+(/[^\\s]*)?$",
        "an http(s) URL, e.g. https://glitchtip.example.com");
  // Never echoed: a person in a hurry may have pasted the token itself.
  if (!std::regex_match(arguments.token_env, std::regex("^[A-Za-z_][A-Za-z0-9_]*$")) ||
      looks_like_a_token(arguments.token_env)) {
    errors.push_back(Error{"--token-env",
                           "expects the name of the environment variable that holds the token",
                           "export the token, e.g. GLITCHTIP_TOKEN=..., and pass --token-env "
                           "GLITCHTIP_TOKEN; the token itself never goes on the command line"});
  }
  check("--automation-user", arguments.automation_user, "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
        "an e-mail address");
  if (!arguments.mail_domain.empty()) {
    check("--mail-domain", arguments.mail_domain, "^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$",
          "a mail domain, e.g. example.com");
  }
  return errors;
}

InstanceSettings settings_of(const ImportArguments& arguments) {
  InstanceSettings settings;
  settings.url = arguments.url;
  while (settings.url.ends_with('/')) settings.url.pop_back();
  settings.token = TokenSource{TokenSource::Kind::environment, arguments.token_env};
  settings.automation_user_email = glitchtip::lower_case(arguments.automation_user);
  settings.mail_domain = arguments.mail_domain;
  return settings;
}

// Every named organization must have been read, and the automation user must be a member
// of each one read: otherwise the definitions would be wrong from the start.
Errors check_read(const ImportArguments& arguments, const Instance& live,
                  const MemberSpellings& spellings) {
  Errors errors;
  for (const std::string& slug : arguments.organizations) {
    if (!live.organizations.contains(slug)) {
      errors.push_back(Error{arguments.instance + ": --organization " + slug,
                             "GlitchTip has no organization with this slug that the token's user "
                             "can read (it answered 404)",
                             "check the slug (GlitchTip's, as in its URLs), and that " +
                                 arguments.automation_user + " is a member of it"});
    }
  }
  const std::string automation = glitchtip::lower_case(arguments.automation_user);
  for (const auto& [slug, organization] : live.organizations) {
    if (!spellings.seen_in(slug, automation)) {
      errors.push_back(Error{arguments.instance + "/" + organization.name,
                             arguments.automation_user + " is not a member of this organization",
                             "give --automation-user the e-mail of the token's own user"});
    }
  }
  return errors;
}

Result<Instance> read_instance(const ImportArguments& arguments, MemberSpellings& spellings,
                               std::vector<std::string>& warnings) {
  glitchtip::ClientOptions client;
  client.parallelism = arguments.parallelism;
  client.on_member_email = [&spellings](const std::string& organization, const std::string& email) {
    spellings.note(organization, email);
  };
  auto provider = glitchtip::Provider::open(arguments.instance, settings_of(arguments), client);
  if (!provider.ok()) return provider.errors();
  Result<Instance> live = arguments.organizations.empty()
                              ? (*provider)->read_live()
                              : (*provider)->read_organizations(arguments.organizations);
  warnings = (*provider)->warnings();
  if (!live.ok()) return live;
  live->name = arguments.instance;
  if (Errors errors = check_read(arguments, *live, spellings); !errors.empty()) return errors;
  return live;
}

std::string counts_line(const exporting::ExportedDefinitions& exported) {
  std::string line;
  for (const auto& [kind, count] : exported.kinds) {
    if (!line.empty()) line += ", ";
    const std::string singular = kind == "instance" ? kind : kind.substr(0, kind.size() - 1);
    line += std::to_string(count) + " " +
            (count == 1           ? singular
             : kind == "instance" ? "instances"
                                  : kind);
  }
  return line;
}

// " (ninja API)": which API the instance was read through, for the summary line.
std::string read_through(const Instance& live) {
  if (!live.capabilities) return "";
  return " (" + std::string(api_generation_keyword(live.capabilities->generation)) + " API)";
}

// The variables the definitions read and import could not fill: GlitchTip does not show
// webhook URLs again. Each is named with what plans show of it, never the URL.
void print_unread_secrets(const std::vector<exporting::UnreadSecret>& unread) {
  if (unread.empty()) return;
  std::cout << "GlitchTip does not show alert webhook URLs, so the definitions read them from "
               "the environment. Set these for plan and apply (a URL with another digest is "
               "planned as an update):\n";
  for (const exporting::UnreadSecret& secret : unread) {
    std::cout << "  " << secret.name << "  " << secret.type << " " << secret.shown << " (sha256 "
              << secret.sha256.substr(0, 8) << ") of " << secret.address << "\n";
  }
}

// An error found before anything was written: the errors, and that the output is untouched.
int nothing_written(const Log& log, const Errors& errors) {
  log.errors(errors);
  log.report("Nothing was written.\n");
  return kExitError;
}

int run_import(const ImportArguments& arguments, const Log& log) {
  log.debug(process_protection_status());
  if (Errors errors = check_arguments(arguments); !errors.empty()) return log.failed(errors);
  if (Status checked = exporting::check_output_directory(arguments.out, arguments.force);
      !checked) {
    return log.failed(checked.errors());
  }
  MemberSpellings spellings;
  std::vector<std::string> warnings;
  Result<Instance> live = read_instance(arguments, spellings, warnings);
  for (const std::string& warning : warnings) log.warn(warning);
  if (!live.ok()) return nothing_written(log, live.errors());
  exporting::ExportOptions options;
  options.instance_name = arguments.instance;
  options.url = settings_of(arguments).url;
  options.token_env = arguments.token_env;
  options.automation_user_email = arguments.automation_user;
  options.mail_domain = arguments.mail_domain;
  options.roles = !arguments.no_roles;
  options.email_spellings = spellings.spellings();
  Result<exporting::ExportedDefinitions> exported = exporting::export_definitions(*live, options);
  if (!exported.ok()) return nothing_written(log, exported.errors());
  Status written =
      exporting::write_definitions_tree(arguments.out, exported->files, arguments.force);
  if (written.ok()) {
    written =
        exporting::write_secrets_file(exporting::secrets_path(arguments.out), exported->secrets);
  }
  if (written.ok() && !arguments.emulator_seed.empty()) {
    written = write_file_atomically(
        arguments.emulator_seed,
        exporting::emulator_seed(*live, arguments.automation_user, options.email_spellings)
                .dump(2) +
            "\n");
  }
  if (!written.ok()) return log.failed(written.errors());
  std::cout << "Imported " << arguments.instance << read_through(*live) << " into " << arguments.out
            << ": " << counts_line(*exported) << " (" << exported->files.size()
            << " files; JSON Schemas in "
            << (std::filesystem::path(arguments.out) / ".schemas").string() << ").\n";
  if (!exported->secrets.empty()) {
    log.warn("Secrets are not in " + arguments.out + ": they are in " +
             exporting::secrets_path(arguments.out).string() +
             " (mode 0600). Keep that file out of git and load it into the environment of plan "
             "and apply.");
  }
  if (!arguments.emulator_seed.empty()) {
    std::cout << "Wrote an emulator seed of it to " << arguments.emulator_seed
              << " (its token: the emulator's test token of '" << arguments.instance << "').\n";
  }
  print_unread_secrets(exported->unread_secrets);
  std::cout << "Next: check the definitions, then plan; the first plan only adopts:\n"
            << "  glitchtip-gitops validate -d " << arguments.out << "\n"
            << "  glitchtip-gitops plan -d " << arguments.out << " --out plan.json\n";
  return kExitSuccess;
}

}  // namespace

void add_import_command(CLI::App& app, CommandContext& context) {
  auto arguments = std::make_shared<ImportArguments>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Write definitions of an existing GlitchTip: one file an object, JSON Schemas alongside.\n"
      "The first plan of them only adopts. Reads GlitchTip, changes nothing there.\n"
      "Example: GLITCHTIP_TOKEN=... glitchtip-gitops import --url https://glitchtip.example.com "
      "\\\n"
      "  --token-env GLITCHTIP_TOKEN --automation-user bot@example.com --instance glitchtip-prod "
      "\\\n"
      "  --out definitions");
  command->add_option("--url", arguments->url, "GlitchTip's base URL")->required();
  command
      ->add_option("--token-env", arguments->token_env,
                   "Environment variable holding the API token (written as token: {env: VAR})")
      ->required();
  command
      ->add_option("--automation-user", arguments->automation_user,
                   "E-mail of the token's user; never written as a User")
      ->required();
  command->add_option("--instance", arguments->instance, "Name of the Instance to write")
      ->required();
  command->add_option("--out", arguments->out, "Directory to write; must be new or empty")
      ->required();
  command->add_option("--organization", arguments->organizations,
                      "Import only this organization, by slug (repeatable; default: all the "
                      "token sees)");
  command->add_option("--mail-domain", arguments->mail_domain,
                      "Instance mailDomain; users at it are written by username");
  command->add_flag("--no-roles", arguments->no_roles,
                    "Inline access: on every User instead of shared Roles");
  command->add_option("--emulator-seed", arguments->emulator_seed,
                      "Also write a seed of GlitchTip's state for the bundled emulator");
  command->add_flag("--force", arguments->force,
                    "Write into a non-empty directory, replacing what import writes there");
  add_parallelism_option(*command, arguments->parallelism, "Requests in flight (default 8)");
  command->callback(
      [arguments, &context] { context.exit_code = run_import(*arguments, log_of(context)); });
}

}  // namespace gg::cmd
