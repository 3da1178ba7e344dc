// glitchtip-gitops dsn: the DSN of every declared project in scope, read from live GlitchTip,
// as JSON, environment lines or Kubernetes Secrets, on stdout or one file a project.
// DSNs go only to stdout or those files (mode 0600): never to the log.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmd/commands.hpp"
#include "cmd/common_options.hpp"
#include "cmd/instance_providers.hpp"
#include "cmd/log.hpp"
#include "planner/address.hpp"
#include "providers/definitions/definitions.hpp"
#include "providers/glitchtip/provider.hpp"
#include "providers/snapshot/atomic_file.hpp"

namespace gg::cmd {
namespace {

struct DsnArguments {
  std::string directory = ".";
  std::vector<std::string> targets;
  std::string format = "json";
  std::string out_dir;
  bool skip_missing = false;
};

// One declared project in scope, and what GlitchTip says of it.
struct Delivery {
  std::string instance;
  std::string organization;       // declared name
  std::string organization_slug;  // live; empty while unknown
  Project project;                // declared (dsn_key, dsn_namespaces)
  std::string address;
  // Filled by the read:
  std::optional<glitchtip::KeyDsn> key;
  std::string missing;  // why there is no DSN, for an error
};

bool in_scope(const Address& project, const std::vector<Address>& targets) {
  if (targets.empty()) return true;
  return std::any_of(targets.begin(), targets.end(), [&](const Address& target) {
    return target.contains(project) ||
           (target.kind == Address::Kind::key && target.instance == project.instance &&
            target.organization == project.organization && target.object == project.object);
  });
}

// The declared key, or the oldest by creation date: never list order, which GlitchTip
// does not promise. Of several keys with the declared label, the newest (as plan does).
std::optional<glitchtip::KeyDsn> chosen_key(const std::vector<glitchtip::KeyDsn>& keys,
                                            const std::optional<std::string>& label) {
  std::optional<glitchtip::KeyDsn> chosen;
  for (const glitchtip::KeyDsn& key : keys) {
    if (label) {
      if (key.label != *label) continue;
      if (!chosen || key.created > chosen->created) chosen = key;
    } else if (!chosen || key.created < chosen->created) {
      chosen = key;
    }
  }
  return chosen;
}

std::string env_name(const Delivery& delivery) {
  std::string name = "GLITCHTIP_DSN_" + delivery.organization_slug + "_" + delivery.project.slug;
  for (char& c : name) {
    if (c == '-') c = '_';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return name;
}

nlohmann::json json_of(const Delivery& delivery) {
  return {
      {"instance", delivery.instance},    {"organization", delivery.organization_slug},
      {"project", delivery.project.slug}, {"key", delivery.key->label},
      {"dsn", delivery.key->dsn},         {"security_endpoint", delivery.key->security_endpoint}};
}

// A YAML double-quoted scalar (JSON strings are valid ones).
std::string quoted(const std::string& text) {
  return nlohmann::json(text).dump();
}

std::string secrets_of(const Delivery& delivery) {
  std::string text;
  for (const std::string& ns : delivery.project.dsn_namespaces) {
    text +=
        "---\n"
        "apiVersion: v1\n"
        "kind: Secret\n"
        "metadata:\n"
        "  name: " +
        quoted(delivery.project.slug + "-dsn") + "\n  namespace: " + quoted(ns) +
        "\n"
        "  labels:\n"
        "    app.kubernetes.io/name: glitchtip-project-dsn\n"
        "    app.kubernetes.io/part-of: glitchtip\n"
        "    app.kubernetes.io/managed-by: glitchtip-gitops\n"
        "type: Opaque\n"
        "stringData:\n"
        "  dsn: " +
        quoted(delivery.key->dsn) +
        "\n  security_endpoint: " + quoted(delivery.key->security_endpoint) + "\n";
  }
  return text;
}

std::string render(const std::vector<const Delivery*>& deliveries, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const Delivery* delivery : deliveries) list.push_back(json_of(*delivery));
    return list.dump(2) + "\n";
  }
  std::string text;
  for (const Delivery* delivery : deliveries) {
    text += format == "env" ? env_name(*delivery) + "=" + delivery->key->dsn + "\n"
                            : secrets_of(*delivery);
  }
  return text;
}

std::vector<Delivery> deliveries_in_scope(const State& desired,
                                          const std::vector<Address>& targets) {
  std::vector<Delivery> deliveries;
  for (const auto& [instance_name, instance] : desired.instances) {
    for (const auto& [name, organization] : instance.organizations) {
      for (const auto& [slug, project] : organization.projects) {
        const Address address = Address::of_project(instance_name, name, slug);
        if (!in_scope(address, targets)) continue;
        deliveries.push_back(
            {instance_name, name, organization.slug, project, address.to_string(), {}, {}});
      }
    }
  }
  return deliveries;
}

// Reads, in parallel, the keys of every delivery's project from its instance.
Errors read_keys(std::vector<Delivery>& deliveries,
                 const std::map<std::string, std::unique_ptr<glitchtip::Provider>>& providers) {
  Errors errors;
  std::map<std::string, std::map<std::string, std::vector<std::string>>> slugs;
  for (const auto& [name, provider] : providers) {
    auto found = provider->organization_slugs_by_name();
    if (!found.ok()) return found.errors();
    slugs[name] = std::move(*found);
  }
  std::vector<std::future<Status>> reads;
  for (Delivery& delivery : deliveries) {
    if (delivery.organization_slug.empty()) {
      const auto& named = slugs[delivery.instance][delivery.organization];
      if (named.size() != 1) {
        delivery.missing =
            named.empty()
                ? "organization " + delivery.organization + " does not exist in GlitchTip yet"
                : "several organizations are named " + delivery.organization + "; declare its slug";
        continue;
      }
      delivery.organization_slug = named.front();
    }
    glitchtip::Provider* provider = providers.at(delivery.instance).get();
    reads.push_back(std::async(std::launch::async, [&delivery, provider]() -> Status {
      auto keys = provider->key_dsns(delivery.organization_slug, delivery.project.slug);
      if (!keys.ok()) return keys.errors();
      if (!keys->has_value()) {
        delivery.missing = "project " + delivery.project.slug + " does not exist in GlitchTip yet";
        return {};
      }
      delivery.key = chosen_key(**keys, delivery.project.dsn_key);
      if (!delivery.key) {
        delivery.missing = delivery.project.dsn_key
                               ? "project " + delivery.project.slug + " has no key labelled \"" +
                                     *delivery.project.dsn_key + "\""
                               : "project " + delivery.project.slug + " has no key";
      }
      return {};
    }));
  }
  for (auto& read : reads) {
    Status status = read.get();
    if (!status.ok()) errors.insert(errors.end(), status.errors().begin(), status.errors().end());
  }
  return errors;
}

std::string file_name(const Delivery& delivery, const std::string& format) {
  const std::string extension = format == "json" ? ".json" : format == "env" ? ".env" : ".yaml";
  return delivery.instance + "-" + delivery.organization_slug + "-" + delivery.project.slug +
         extension;
}

int run_dsn(const DsnArguments& arguments, const Log& log) {
  std::vector<Address> targets;
  for (const std::string& text : arguments.targets) {
    const std::optional<Address> address = Address::parse(text);
    if (!address) {
      log.errors({{text, "not an address",
                   "write INSTANCE, INSTANCE/ORG, INSTANCE/ORG/project/SLUG or "
                   "INSTANCE/ORG/project/SLUG/key/LABEL"}});
      return 1;
    }
    targets.push_back(*address);
  }
  Result<Definitions> definitions = load_definitions(arguments.directory);
  if (!definitions.ok()) {
    log.errors(definitions.errors());
    return 1;
  }
  for (const Error& warning : definitions->warnings) log.warn(warning.to_string());
  std::vector<Delivery> deliveries = deliveries_in_scope(definitions->desired, targets);
  if (deliveries.empty() && !targets.empty()) {
    log.errors({{arguments.targets.front(), "no declared project is in the --target scope",
                 "check the address against `glitchtip-gitops show`"}});
    return 1;
  }
  std::map<std::string, std::unique_ptr<glitchtip::Provider>> providers;
  for (const Delivery& delivery : deliveries) {
    if (providers.count(delivery.instance) > 0) continue;
    const Instance& instance = definitions->desired.instances.at(delivery.instance);
    auto opened = glitchtip::Provider::open(delivery.instance, instance.settings, {});
    if (!opened.ok()) {
      log.errors(opened.errors());
      return 1;
    }
    for (const std::string& warning : (*opened)->warnings()) log.warn(warning);
    providers[delivery.instance] = std::move(*opened);
  }
  if (Errors errors = read_keys(deliveries, providers); !errors.empty()) {
    log.errors(errors);
    return 1;
  }
  Errors missing;
  std::vector<const Delivery*> found;
  for (const Delivery& delivery : deliveries) {
    if (delivery.key) {
      found.push_back(&delivery);
    } else if (arguments.skip_missing) {
      log.warn(delivery.address + ": " + delivery.missing + "; skipped (--skip-missing)");
    } else {
      missing.push_back({delivery.address, delivery.missing,
                         "apply the plan that creates it, or pass --skip-missing"});
    }
  }
  if (!missing.empty()) {
    log.errors(missing);
    return 1;
  }
  if (arguments.out_dir.empty()) {
    std::cout << render(found, arguments.format) << std::flush;
    return 0;
  }
  std::error_code error;
  std::filesystem::create_directories(arguments.out_dir, error);
  for (const Delivery* delivery : found) {
    const std::string text = render({delivery}, arguments.format);
    if (text.empty()) continue;  // kubernetes: no namespace declared
    const std::filesystem::path path =
        std::filesystem::path(arguments.out_dir) / file_name(*delivery, arguments.format);
    if (Status written = write_private_file_atomically(path, text); !written.ok()) {
      log.errors(written.errors());
      return 1;
    }
    log.info("wrote " + path.string());
  }
  return 0;
}

}  // namespace

void add_dsn_command(CLI::App& app, CommandContext& context) {
  CLI::App* command = app.add_subcommand(
      "dsn",
      "Print the DSN of every declared project, read from live GlitchTip: the key named by\n"
      "its `dsn.key`, else its first declared key, else its oldest key. Formats: json,\n"
      "env (GLITCHTIP_DSN_<ORG>_<PROJECT>=...), kubernetes (a Secret <project>-dsn per\n"
      "namespace in `dsn.kubernetes.namespaces`). DSNs go to stdout or --out-dir only.\n"
      "Exits 1 when a project or its key does not exist, unless --skip-missing.\n"
      "Example: glitchtip-gitops dsn -d definitions/ --format kubernetes | kubectl apply -f -");
  auto arguments = std::make_shared<DsnArguments>();
  add_directory_option(*command, arguments->directory);
  command->add_option("--target", arguments->targets,
                      "Only projects at or below this address (repeatable)");
  command->add_option("--format", arguments->format, "json, env or kubernetes")
      ->check(CLI::IsMember({"json", "env", "kubernetes"}))
      ->capture_default_str();
  command->add_option("--out-dir", arguments->out_dir,
                      "Write one file a project here (mode 0600, atomically) instead of stdout");
  command->add_flag("--skip-missing", arguments->skip_missing,
                    "Warn about a project or key that does not exist instead of failing");
  command->callback([&context, arguments] {
    context.exit_code = run_dsn(*arguments, Log(context.log_level, context.log_format, std::cerr));
  });
}

}  // namespace gg::cmd
