#include "providers/definitions/desired_state.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "planner/api_generation.hpp"
#include "planner/kinds/alert.hpp"
#include "planner/kinds/key.hpp"
#include "planner/slugify.hpp"
#include "providers/definitions/did_you_mean.hpp"

namespace gg::definitions {

namespace {

using nlohmann::json;
using OrganizationKey = std::pair<std::string, std::string>;  // instance, organization name

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string text_at(const json& content, const std::string& key) {
  return content.contains(key) && content[key].is_string() ? content[key].get<std::string>() : "";
}

std::string located(const Declaration& declaration, const JsonPath& path = {}) {
  const Position position = declaration.document->position_of(path);
  return declaration.document->file + ":" + std::to_string(position.line);
}

// A grant of access in one organization: an organization role, or a team membership.
struct Grant {
  OrganizationKey organization;
  Role role = Role::member;
  std::string team_slug;  // empty for an organization grant
};

struct KnownOrganization {
  const Declaration* declaration = nullptr;
  std::map<std::string, std::string> team_slug_by_name;
  std::map<std::string, const Declaration*> team_by_slug;
  std::map<std::string, const Declaration*> project_by_slug;
  std::map<std::string, const Declaration*> monitor_by_name;  // monitors
};

class Derivation {
 public:
  DesiredState run(const std::vector<Declaration>& declarations) {
    for (const std::string_view kind :
         {"Instance", "Organization", "Team", "Project", "Role", "Monitor"}) {
      for (const Declaration& declaration : declarations) {
        if (declaration.kind == kind) declare(declaration);
      }
    }
    // Every User's address is known before any grant, so that a username resolving to an
    // address given elsewhere is found whatever the file order.
    std::vector<const Declaration*> users;
    for (const Declaration& declaration : declarations) {
      if (declaration.kind == "User" && declaration.valid && register_user(declaration)) {
        users.push_back(&declaration);
      }
    }
    for (const Declaration* user : users) grant_user(*user);
    finish();
    return {std::move(state_), std::move(problems_), std::move(warnings_)};
  }

 private:
  void report(const Declaration& declaration, const JsonPath& path, std::string message,
              std::string hint = "") {
    problems_.push_back(Problem{declaration.document->file, declaration.document->position_of(path),
                                declaration.object, std::move(message), std::move(hint)});
  }

  void declare(const Declaration& declaration) {
    if (!declaration.valid) {
      if (declaration.kind == "Instance") declare_invalid_instance(declaration);
      return;
    }
    if (declaration.kind == "Instance") declare_instance(declaration);
    if (declaration.kind == "Organization") declare_organization(declaration);
    if (declaration.kind == "Team") declare_team(declaration);
    if (declaration.kind == "Project") declare_project(declaration);
    if (declaration.kind == "Role") declare_role(declaration);
    if (declaration.kind == "Monitor") declare_monitor(declaration);
  }

  // An Instance document with schema errors (reported already): its name is known, so that
  // an organization naming it gets no "unknown instance" error on top. Its settings are not
  // read; the definitions fail to load anyway.
  void declare_invalid_instance(const Declaration& declaration) {
    const json& content = declaration.document->content;
    if (!content.is_object() || !content.contains("name") || !content["name"].is_string()) return;
    const std::string name = content["name"];
    if (instance_declarations_.count(name) > 0) return;
    instance_declarations_[name] = &declaration;
    state_.instances[name].name = name;
    invalid_instances_.insert(name);
  }

  void declare_instance(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::string name = content["name"];
    if (const auto it = instance_declarations_.find(name); it != instance_declarations_.end()) {
      report(declaration, {"name"},
             "instance `" + name + "` is defined twice (also at " + located(*it->second) + ")",
             "keep one definition of each instance");
      return;
    }
    instance_declarations_[name] = &declaration;
    Instance& instance = state_.instances[name];
    instance.name = name;
    InstanceSettings& settings = instance.settings;
    settings.url = content["url"];
    while (!settings.url.empty() && settings.url.back() == '/') settings.url.pop_back();
    const json& token = content["token"];
    if (token.contains("env")) {
      settings.token = TokenSource{TokenSource::Kind::environment, token["env"]};
    } else {
      settings.token = TokenSource{TokenSource::Kind::file, token["file"]};
    }
    settings.automation_user_email = lower(content["automationUserEmail"]);
    settings.mail_domain = lower(text_at(content, "mailDomain"));
    settings.read_timeout_seconds = content.value("readTimeout", 30);
    settings.max_retries = content.value("maxRetries", 3);
    settings.api_generation = api_generation_from_keyword(text_at(content, "apiGeneration"));
    settings.ca_file = text_at(content, "caFile");
    settings.insecure_skip_tls_verify = content.value("insecureSkipTLSVerify", false);
  }

  void declare_organization(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::string name = content["name"];
    const std::string instance_name = content["instance"];
    const auto instance = state_.instances.find(instance_name);
    if (instance == state_.instances.end()) {
      report(declaration, {"instance"}, "unknown instance `" + instance_name + "`",
             instance_hint(instance_name));
      return;
    }
    const OrganizationKey key{instance_name, name};
    if (const auto it = organizations_.find(key); it != organizations_.end()) {
      report(declaration, {"name"},
             "instance `" + instance_name + "` already has an organization named `" + name +
                 "` (at " + located(*it->second.declaration) + ")",
             "organization names are unique in an instance; rename or remove one");
      return;
    }
    const std::string slug = text_at(content, "slug");
    if (!slug.empty()) {
      for (const auto& [other_key, other] : organizations_) {
        if (other_key.first == instance_name &&
            text_at(other.declaration->document->content, "slug") == slug) {
          report(declaration, {"slug"},
                 "slug `" + slug + "` is already declared by Organization " + other_key.second +
                     " (at " + located(*other.declaration) + ")",
                 "each organization has its own slug");
          return;
        }
      }
    }
    organizations_[key].declaration = &declaration;
    std::vector<OrganizationKey>& named = keys_by_name_[name];
    named.insert(std::lower_bound(named.begin(), named.end(), key), key);  // in map order
    Organization& organization = instance->second.organizations[name];
    organization.name = name;
    organization.slug = slug;
    organization.is_protected = content.value("protected", false);
    organization.monitors_managed = text_at(content, "uptimeMonitors") == "managed";
  }

  std::string instance_hint(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& [known, instance] : state_.instances) names.push_back(known);
    if (names.empty()) return "define it with `kind: Instance`";
    return suggestion(name, names);
  }

  // The organization a reference ("NASA" or "glitchtip-dev/NASA") names, or a problem.
  std::optional<OrganizationKey> resolve_organization(const Declaration& declaration,
                                                      const JsonPath& path) {
    const json* value = &declaration.document->content;
    for (const std::string& segment : path) {
      value = value->is_array() ? &(*value)[std::stoul(segment)] : &(*value)[segment];
    }
    const std::string& reference = value->get_ref<const std::string&>();
    const size_t slash = reference.find('/');
    // Looked up, not searched for: every user's grants name organizations, and a search of
    // all of them per reference made deriving 100,000 objects quadratic.
    std::vector<OrganizationKey> matches;
    if (slash == std::string::npos) {
      if (const auto named = keys_by_name_.find(reference); named != keys_by_name_.end()) {
        if (named->second.size() == 1) return named->second.front();  // nothing to copy
        matches = named->second;
      }
    } else {
      if (OrganizationKey key{reference.substr(0, slash), reference.substr(slash + 1)};
          organizations_.count(key) > 0) {
        matches.push_back(std::move(key));
      }
      // An organization's own name may hold a '/' ("Ops/EMEA"): the whole reference is tried
      // as a name too, so `organization: Ops/EMEA` works as well as `prod/Ops/EMEA`.
      if (const auto named = keys_by_name_.find(reference); named != keys_by_name_.end()) {
        matches.insert(matches.end(), named->second.begin(), named->second.end());
      }
    }
    if (matches.size() == 1) return matches.front();
    if (matches.empty()) {
      std::vector<std::string> names;
      for (const auto& [key, known] : organizations_) names.push_back(key.second);
      const std::string name = slash == std::string::npos ? reference : reference.substr(slash + 1);
      report(declaration, path, "unknown organization `" + reference + "`",
             names.empty() ? "define it with `kind: Organization`" : suggestion(name, names));
    } else {
      std::string instances;
      for (const OrganizationKey& key : matches)
        instances += (instances.empty() ? "" : ", ") + key.first;
      report(declaration, path,
             "organization `" + reference + "` exists in several instances (" + instances + ")",
             "write instance/organization, e.g. `" + matches.front().first + "/" + reference + "`");
    }
    return std::nullopt;
  }

  std::optional<std::string> resolve_team(const Declaration& declaration, const JsonPath& path,
                                          const OrganizationKey& organization,
                                          const std::string& reference) {
    const KnownOrganization& known = organizations_[organization];
    if (const auto it = known.team_slug_by_name.find(reference);
        it != known.team_slug_by_name.end()) {
      return it->second;
    }
    if (known.team_by_slug.contains(reference)) return reference;
    std::vector<std::string> names;
    for (const auto& [name, slug] : known.team_slug_by_name) names.push_back(name);
    report(declaration, path,
           "unknown team `" + reference + "` in organization `" + organization.second + "`",
           names.empty() ? "define it with `kind: Team`" : suggestion(reference, names));
    return std::nullopt;
  }

  // The declared `slug`, or the one GlitchTip derives from the name (`generated`: slugify for
  // teams, project_slug for projects); a problem when that is empty.
  std::optional<std::string> slug_of(const Declaration& declaration,
                                     std::string (*generated)(std::string_view) = slugify) {
    const json& content = declaration.document->content;
    std::string slug = text_at(content, "slug");
    if (slug.empty()) slug = generated(text_at(content, "name"));
    if (slug.empty()) {
      report(declaration, {"name"},
             "the name `" + text_at(content, "name") + "` gives an empty slug",
             "add a `slug:` of lower-case letters, digits and '-'");
      return std::nullopt;
    }
    return slug;
  }

  void declare_team(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::optional<OrganizationKey> key = resolve_organization(declaration, {"organization"});
    const std::optional<std::string> slug = slug_of(declaration);
    if (!key || !slug) return;
    KnownOrganization& known = organizations_[*key];
    if (const auto it = known.team_by_slug.find(*slug); it != known.team_by_slug.end()) {
      report(declaration, {"name"},
             "slug `" + *slug + "` is already taken by " + it->second->object + " (at " +
                 located(*it->second) + ")",
             "team names that slugify alike are one team in GlitchTip; rename one or give it a "
             "`slug:`");
      return;
    }
    known.team_by_slug[*slug] = &declaration;
    known.team_slug_by_name.emplace(content["name"], *slug);
    organization_of(*key).teams[*slug].slug = *slug;
  }

  void declare_project(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::optional<OrganizationKey> key = resolve_organization(declaration, {"organization"});
    const std::optional<std::string> slug = slug_of(declaration, project_slug);
    if (!key || !slug) return;
    if (text_at(content, "slug").empty() && *slug == kReservedProjectSlug) {
      report(declaration, {"name"},
             "GlitchTip 3.3 and later give a project named `" + text_at(content, "name") +
                 "` the slug `new-1`, older versions `new`",
             "say which with `slug: new-1` (or `slug: new` on GlitchTip before 3.3)");
      return;
    }
    KnownOrganization& known = organizations_[*key];
    if (const auto it = known.project_by_slug.find(*slug); it != known.project_by_slug.end()) {
      report(declaration, {"name"},
             "slug `" + *slug + "` is already taken by " + it->second->object + " (at " +
                 located(*it->second) + ")",
             "two projects of one organization need different slugs; rename one or give it a "
             "`slug:`");
      return;
    }
    known.project_by_slug[*slug] = &declaration;
    Project project;
    project.slug = *slug;
    project.name = content["name"];
    project.platform = text_at(content, "platform");
    project.event_throttle_rate = content.value("eventThrottleRate", 0);
    project.is_protected = content.value("protected", false);
    const json& teams = content["teams"];
    for (size_t i = 0; i < teams.size(); ++i) {
      const JsonPath path{"teams", std::to_string(i)};
      if (std::optional<std::string> team = resolve_team(declaration, path, *key, teams[i])) {
        project.teams.push_back(*team);
      }
    }
    if (content.contains("alerts")) {  // alerts kind
      project.alerts_declared = true;
      declare_alerts(declaration, *slug, organization_of(*key));
    }
    project.keys_declared = content.contains("keys");  // keys
    declare_keys(declaration, *key, project);
    organization_of(*key).projects[*slug] = std::move(project);
  }

  // The slug of the organization's project that `reference` names by slug or by name.
  std::optional<std::string> resolve_project(const Declaration& declaration, const JsonPath& path,
                                             const OrganizationKey& organization,
                                             const std::string& reference) {
    const KnownOrganization& known = organizations_[organization];
    if (known.project_by_slug.contains(reference)) return reference;
    std::vector<std::string> names;
    for (const auto& [slug, project] : known.project_by_slug) {
      const std::string name = text_at(project->document->content, "name");
      if (name == reference) return slug;
      names.push_back(name);
    }
    report(declaration, path,
           "unknown project `" + reference + "` in organization `" + organization.second + "`",
           names.empty() ? "define it with `kind: Project`" : suggestion(reference, names));
    return std::nullopt;
  }

  // What a monitor of `type` cannot have: HTTP fields on other checks, a URL on a Heartbeat
  // (GlitchTip gives it one to call), none on the others.
  bool check_monitor_fields(const Declaration& declaration, const std::string& type) {
    const json& content = declaration.document->content;
    const bool http = type == "GET" || type == "POST";
    for (const char* field : {"expectedStatus", "expectedBody"}) {
      if (http || !content.contains(field)) continue;
      report(declaration, {field},
             "`" + std::string(field) + "` applies to GET and POST monitors only, not " + type,
             "remove it, or make the monitor a GET or POST");
      return false;
    }
    if (type == "Heartbeat" && content.contains("url")) {
      report(declaration, {"url"},
             "a Heartbeat monitor has no `url`: GlitchTip gives it one for the job to call",
             "remove `url`");
      return false;
    }
    if (type != "Heartbeat" && !content.contains("url")) {
      report(declaration, {}, "a " + type + " monitor needs a `url`",
             "add `url:` with what to check");
      return false;
    }
    return true;
  }

  void declare_monitor(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::optional<OrganizationKey> key = resolve_organization(declaration, {"organization"});
    if (!key) return;
    const std::string name = content["name"];
    const std::string type = content["type"];
    KnownOrganization& known = organizations_[*key];
    if (const auto it = known.monitor_by_name.find(name); it != known.monitor_by_name.end()) {
      report(declaration, {"name"},
             "organization `" + key->second + "` already has a monitor named `" + name + "` (at " +
                 located(*it->second) + ")",
             "a monitor's name is its identity in the organization; rename or remove one");
      return;
    }
    known.monitor_by_name[name] = &declaration;
    if (!check_monitor_fields(declaration, type)) return;
    Monitor monitor;
    monitor.name = name;
    monitor.type = type;
    monitor.url = text_at(content, "url");
    monitor.interval = content["interval"];
    monitor.expected_status = content.value("expectedStatus", 200);
    monitor.expected_body = text_at(content, "expectedBody");
    monitor.timeout = content.value("timeout", 0);
    if (content.contains("project")) {
      const std::optional<std::string> project =
          resolve_project(declaration, {"project"}, *key, content["project"]);
      if (!project) return;
      monitor.project = *project;
    } else {
      warnings_.push_back(Problem{declaration.document->file, declaration.document->position_of({}),
                                  declaration.object,
                                  "monitor `" + name +
                                      "` has no `project`, so its alerts reach "
                                      "nobody: GlitchTip alerts on a monitor through its project",
                                  "add `project:` with the project whose alerts (uptime: true) "
                                  "should report it"});
    }
    organization_of(*key).monitors[name] = std::move(monitor);
  }

  // alerts kind: a project's `alerts:`, names unique in the project. A literal URL becomes
  // its digest here; a secret one ({env}, {file}) is only named, and read when a command
  // talks to GlitchTip (providers/definitions/alert_urls.hpp).
  void declare_alerts(const Declaration& declaration, const std::string& project,
                      Organization& organization) {
    const json& alerts = declaration.document->content["alerts"];
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < alerts.size(); ++i) {
      const json& content = alerts[i];
      const std::string name = content["name"];
      const JsonPath path{"alerts", std::to_string(i), "name"};
      if (const auto it = seen.find(name); it != seen.end()) {
        report(declaration, path,
               "alert `" + name + "` is declared twice in this project (also at " +
                   located(declaration, {"alerts", std::to_string(it->second), "name"}) + ")",
               "alert names are unique per project; rename or merge one");
        continue;
      }
      seen[name] = i;
      Alert alert;
      alert.project = project;
      alert.name = name;
      alert.quantity = content["quantity"];
      alert.timespan_minutes = content["timespanMinutes"];
      alert.uptime = content.value("uptime", false);
      const json& recipients = content["recipients"];
      for (size_t r = 0; r < recipients.size(); ++r) {
        const json& item = recipients[r];
        const std::string type = item["type"];
        const JsonPath at{"alerts", std::to_string(i), "recipients", std::to_string(r)};
        if ((type == "email") == item.contains("url")) {
          report(declaration, at,
                 type == "email" ? "an email recipient has no url (it e-mails the project's teams)"
                                 : "a " + type + " recipient needs a url",
                 type == "email" ? "remove `url`"
                                 : "add url: https://..., {env: VAR} or {file: PATH}");
          continue;
        }
        if (!item.contains("url")) {
          alert.recipients.push_back(alert_recipient(type, ""));
          continue;
        }
        const json& url = item["url"];
        if (url.is_string()) {
          AlertRecipient literal = alert_recipient(type, url.get<std::string>());
          literal.url = url.get<std::string>();
          alert.recipients.push_back(std::move(literal));
          continue;
        }
        AlertRecipient secret;
        secret.type = type;
        secret.secret = url.contains("env") ? "env " + url["env"].get<std::string>()
                                            : "file " + url["file"].get<std::string>();
        alert.recipients.push_back(std::move(secret));
      }
      organization.alerts[alert_key(project, name)] = std::move(alert);
    }
  }

  // keys: a project's `keys:` into the organization's keys, and its `dsn:`.
  void declare_keys(const Declaration& declaration, const OrganizationKey& key, Project& project) {
    const json& content = declaration.document->content;
    const json keys = content.value("keys", json::array());
    Organization& organization = organization_of(key);
    for (size_t i = 0; i < keys.size(); ++i) {
      Key declared;
      declared.project = project.slug;
      declared.label = keys[i].value("label", "");
      if (const auto limit = keys[i].find("rateLimit"); limit != keys[i].end()) {
        declared.rate_limit_window = limit->value("window", 0);
        declared.rate_limit_count = limit->value("count", 0);
      }
      const std::string name = key_name(project.slug, declared.label);
      if (organization.keys.count(name) > 0) {
        report(declaration, {"keys", std::to_string(i), "label"},
               "key label `" + declared.label + "` is declared twice in project " + project.slug,
               "labels of one project's keys must differ; rename or remove one");
        continue;
      }
      if (i == 0) project.dsn_key = declared.label;
      organization.keys[name] = std::move(declared);
    }
    const json dsn = content.value("dsn", json::object());
    if (dsn.contains("key")) {
      project.dsn_key = dsn["key"].get<std::string>();
      if (!keys.empty() && organization.keys.count(key_name(project.slug, *project.dsn_key)) == 0) {
        report(declaration, {"dsn", "key"},
               "dsn.key `" + *project.dsn_key + "` is not among the project's declared keys",
               "name one of the labels under `keys:`, or remove dsn.key");
      }
    }
    if (dsn.contains("kubernetes")) {
      project.dsn_namespaces = dsn["kubernetes"].value("namespaces", std::vector<std::string>());
    }
  }

  // The grants of a Role document or of a User's `access`, at `base`.
  std::vector<Grant> grants_of(const Declaration& declaration, const JsonPath& base) {
    std::vector<Grant> grants;
    const json* holder = &declaration.document->content;
    for (const std::string& segment : base) holder = &(*holder)[segment];
    if (holder->contains("organizations")) {
      for (size_t i = 0; i < (*holder)["organizations"].size(); ++i) {
        JsonPath name_path = base;
        name_path.insert(name_path.end(), {"organizations", std::to_string(i), "name"});
        const json& entry = (*holder)["organizations"][i];
        if (const std::optional<OrganizationKey> key =
                resolve_organization(declaration, name_path)) {
          grants.push_back(Grant{*key, *role_from_string(entry.value("role", "member")), ""});
        }
      }
    }
    if (holder->contains("teams")) {
      for (size_t i = 0; i < (*holder)["teams"].size(); ++i) {
        JsonPath path = base;  // to the entry's organization, then to its name
        path.insert(path.end(), {"teams", std::to_string(i), "organization"});
        const json& entry = (*holder)["teams"][i];
        const std::optional<OrganizationKey> key = resolve_organization(declaration, path);
        if (!key) continue;
        path.back() = "name";
        if (std::optional<std::string> team =
                resolve_team(declaration, path, *key, entry["name"])) {
          grants.push_back(Grant{*key, Role::member, *team});
        }
      }
    }
    return grants;
  }

  void declare_role(const Declaration& declaration) {
    const std::string name = declaration.document->content["name"];
    if (const auto it = role_grants_.find(name); it != role_grants_.end()) {
      report(declaration, {"name"},
             "role `" + name + "` is defined twice (also at " + located(*role_declarations_[name]) +
                 ")",
             "keep one definition of each role");
      return;
    }
    role_declarations_[name] = &declaration;
    role_grants_[name] = grants_of(declaration, {});
  }

  // Checks a User's identity and records it; false (with a problem) when it is unusable.
  bool register_user(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::string email = text_at(content, "email");
    const std::string username = text_at(content, "username");
    if (!email.empty() && !username.empty()) {
      report(declaration, {"username"}, "give either `email` or `username`, not both");
      return false;
    }
    if (email.empty() && username.empty()) {
      report(declaration, {}, "missing `email` or `username`",
             "add `email: name@example.com`, or `username: name` to use the instance's mailDomain");
      return false;
    }
    if (!email.empty()) return claim_email(declaration, email);
    const std::string key = lower(username);
    if (const auto it = usernames_.find(key); it != usernames_.end()) {
      report(declaration, {"username"},
             "username `" + username + "` is already given by " + it->second->object + " (at " +
                 located(*it->second) + ")",
             "keep one User per person");
      return false;
    }
    usernames_[key] = &declaration;
    return true;
  }

  void grant_user(const Declaration& declaration) {
    const json& content = declaration.document->content;
    const std::string email = text_at(content, "email");
    const std::string username = text_at(content, "username");

    std::vector<Grant> grants;
    if (content.contains("roles")) {
      for (size_t i = 0; i < content["roles"].size(); ++i) {
        const std::string role = content["roles"][i];
        const auto it = role_grants_.find(role);
        if (it == role_grants_.end()) {
          std::vector<std::string> names;
          for (const auto& [known, unused] : role_grants_) names.push_back(known);
          report(declaration, {"roles", std::to_string(i)}, "unknown role `" + role + "`",
                 names.empty() ? "define it with `kind: Role`" : suggestion(role, names));
          continue;
        }
        grants.insert(grants.end(), it->second.begin(), it->second.end());
      }
    }
    if (content.contains("access")) {
      const std::vector<Grant> inline_grants = grants_of(declaration, {"access"});
      grants.insert(grants.end(), inline_grants.begin(), inline_grants.end());
    }
    apply_grants(declaration, email, username, grants);
  }

  // Registers an e-mail-given User; false (with a problem) when the address is taken.
  bool claim_email(const Declaration& declaration, const std::string& email) {
    const std::string key = lower(email);
    const auto it = emails_.find(key);
    if (it == emails_.end()) {
      emails_[key] = &declaration;
      return true;
    }
    const std::string other = text_at(it->second->document->content, "email");
    if (other == email) {
      report(declaration, {"email"},
             "user `" + email + "` is defined twice (also at " + located(*it->second) + ")",
             "keep one User per person; give it all its roles");
    } else {
      report(declaration, {"email"},
             "`" + email + "` and `" + other + "` (at " + located(*it->second) +
                 ") are one address spelt two ways",
             "e-mail addresses are compared case-insensitively; keep one User per person");
    }
    return false;
  }

  void apply_grants(const Declaration& declaration, const std::string& email,
                    const std::string& username, const std::vector<Grant>& grants) {
    std::set<std::string> checked_instances;
    for (const Grant& grant : grants) {
      const std::string& instance_name = grant.organization.first;
      const InstanceSettings& settings = state_.instances[instance_name].settings;
      std::string address = lower(email);
      if (address.empty()) {
        if (settings.mail_domain.empty()) {
          if (checked_instances.insert(instance_name).second &&
              invalid_instances_.count(instance_name) == 0) {
            report(declaration, {"username"},
                   "instance `" + instance_name + "` has no mailDomain, so username `" + username +
                       "` has no address there",
                   "add `mailDomain:` to the Instance, or give the user an `email`");
          }
          continue;
        }
        address = lower(username) + "@" + settings.mail_domain;
        if (checked_instances.insert(instance_name).second) {
          if (const auto it = emails_.find(address); it != emails_.end()) {
            report(declaration, {"username"},
                   "username `" + username + "` resolves to `" + address + "`, which " +
                       it->second->object + " (at " + located(*it->second) + ") already is",
                   "keep one User per person");
            return;
          }
        }
      }
      if (address == settings.automation_user_email) {
        if (warned_automation_.insert({&declaration, instance_name}).second) {
          warnings_.push_back(Problem{
              declaration.document->file, declaration.document->position_of({}), declaration.object,
              "`" + address + "` is the automation user of instance `" + instance_name +
                  "` (automationUserEmail), which is never planned as a member: this User " +
                  "changes nothing there",
              "remove the User, or its roles in the organizations of `" + instance_name + "`"});
        }
        continue;
      }
      Organization& organization = organization_of(grant.organization);
      Member& member = organization.members[address];
      if (member.email.empty()) {
        member.email = address;
        member.role = grant.role;
      }
      member.role = std::max(member.role, grant.role);
      if (!grant.team_slug.empty()) {
        organization.teams[grant.team_slug].members.push_back(address);
      }
    }
  }

  Organization& organization_of(const OrganizationKey& key) {
    return state_.instances[key.first].organizations[key.second];
  }

  void finish() {
    for (auto& [name, instance] : state_.instances) {
      for (auto& [organization_name, organization] : instance.organizations) {
        for (auto& [slug, team] : organization.teams) {
          std::sort(team.members.begin(), team.members.end());
          team.members.erase(std::unique(team.members.begin(), team.members.end()),
                             team.members.end());
        }
      }
    }
  }

  State state_;
  Problems problems_;
  Problems warnings_;
  std::set<std::string> invalid_instances_;  // Instance documents with schema errors
  std::set<std::pair<const Declaration*, std::string>> warned_automation_;  // User, instance
  std::map<std::string, const Declaration*> instance_declarations_;
  std::map<OrganizationKey, KnownOrganization> organizations_;
  std::map<std::string, std::vector<OrganizationKey>> keys_by_name_;  // sorted, as above
  std::map<std::string, std::vector<Grant>> role_grants_;
  std::map<std::string, const Declaration*> role_declarations_;
  std::map<std::string, const Declaration*> emails_;     // lower-case e-mail -> User
  std::map<std::string, const Declaration*> usernames_;  // lower-case username -> User
};

}  // namespace

DesiredState derive_desired_state(const std::vector<Declaration>& declarations) {
  return Derivation().run(declarations);
}

}  // namespace gg::definitions
