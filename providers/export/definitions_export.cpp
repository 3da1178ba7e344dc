#include "providers/export/definitions_export.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "planner/slugify.hpp"
#include "providers/export/access_groups.hpp"
#include "providers/export/yaml_text.hpp"

namespace gg::exporting {
namespace {

using Files = std::vector<ExportedFile>;

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A file name from free text: lower-case letters and digits, other runs become '-'.
std::string file_stem(const std::string& text) {
  std::string stem;
  for (const char c : lower(text)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (keep) {
      stem += c;
    } else if (!stem.empty() && stem.back() != '-') {
      stem += '-';
    }
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "x" : stem;
}

// slug: only where the tool would not derive GlitchTip's slug from the name.
std::string slug_line(const std::string& name, const std::string& slug) {
  return slugify(name) == slug ? "" : "slug: " + yaml_scalar(slug) + "\n";
}

// A project's slug is always written where its name gives the ambiguous `new`.
std::string project_slug_line(const std::string& name, const std::string& slug) {
  const std::string generated = project_slug(name);
  return generated == slug && generated != kReservedProjectSlug
             ? ""
             : "slug: " + yaml_scalar(slug) + "\n";
}

// How other documents name an organization: its name, or instance/name when the name has a
// '/' (a reference is split at its first '/').
std::string organization_reference(const std::string& instance, const std::string& name) {
  return yaml_scalar(name.find('/') == std::string::npos ? name : instance + "/" + name);
}

std::string document(const std::string& path, const std::string& schema, const std::string& body) {
  return schema_comment(path, schema) + body;
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + yaml_scalar(items[i]);
  return text + "]";
}

ExportedFile instance_file(const ExportOptions& options) {
  std::string body = "kind: Instance\nname: " + yaml_scalar(options.instance_name) +
                     "\nurl: " + yaml_scalar(options.url) + "\ntoken: {env: " + options.token_env +
                     "}\nautomationUserEmail: " + yaml_scalar(options.automation_user_email) + "\n";
  if (!options.mail_domain.empty())
    body += "mailDomain: " + yaml_scalar(options.mail_domain) + "\n";
  return {"instance.yaml", document("instance.yaml", "instance.schema.json", body)};
}

Files organization_files(const Instance& live, const ExportOptions& options) {
  Files files;
  for (const auto& [slug, organization] : live.organizations) {
    const std::string path = "organizations/" + slug + ".yaml";
    files.push_back({path, document(path, "organization.schema.json",
                                    "kind: Organization\nname: " + yaml_scalar(organization.name) +
                                        "\ninstance: " + yaml_scalar(options.instance_name) + "\n" +
                                        slug_line(organization.name, slug))});
  }
  return files;
}

// Teams have no name in GlitchTip: the name written is the slug.
Files team_files(const Instance& live) {
  Files files;
  for (const auto& [slug, organization] : live.organizations) {
    for (const auto& [team_slug, team] : organization.teams) {
      const std::string path = "teams/" + slug + "/" + team_slug + ".yaml";
      files.push_back(
          {path, document(path, "team.schema.json",
                          "kind: Team\nname: " + yaml_scalar(team_slug) + "\norganization: " +
                              organization_reference(live.name, organization.name) + "\n" +
                              slug_line(team_slug, team_slug))});
    }
  }
  return files;
}

// A variable name from free text: upper-case letters and digits, other runs become '_'.
std::string variable_part(const std::string& text) {
  std::string part;
  for (const char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (keep) {
      part += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!part.empty() && part.back() != '_') {
      part += '_';
    }
  }
  while (!part.empty() && part.back() == '_') part.pop_back();
  return part;
}

// The env placeholders of the unread webhook URLs, unique over the whole import.
class SecretNames {
 public:
  std::string take(const std::string& base) {
    std::string name = base;
    for (int n = 2; taken_.contains(name); ++n) name = base + "_" + std::to_string(n);
    taken_.insert(name);
    return name;
  }

 private:
  std::set<std::string> taken_;
};

struct ProjectContext {
  const Instance& live;
  const std::string& organization_slug;
  const Organization& organization;
  const std::string& project_slug;
};

// One recipient's flow mapping. A URL is never written: GlitchTip's answer left only its
// digest, so a URL recipient gets an `{env: ...}` placeholder the person sets.
std::string recipient_yaml(const ProjectContext& at, const Alert& alert,
                           const AlertRecipient& recipient, int url_number, SecretNames& names,
                           std::vector<UnreadSecret>& unread) {
  if (recipient.type == "email") return "{type: email}";
  const std::string name = names.take("GLITCHTIP_ALERT_" + variable_part(at.organization_slug) +
                                      "_" + variable_part(at.project_slug) + "_" +
                                      variable_part(alert.name) + "_" + std::to_string(url_number));
  unread.push_back({name,
                    at.live.name + "/" + at.organization_slug + "/project/" + at.project_slug +
                        "/alert/" + alert.name,
                    recipient.type, recipient.url_shown, recipient.url_sha256});
  return "{type: " + yaml_scalar(recipient.type) + ", url: {env: " + name + "}}";
}

// `alerts:` only where the project has live alerts: without the key they stay left alone.
std::string alerts_yaml(const ProjectContext& at, SecretNames& names,
                        std::vector<UnreadSecret>& unread) {
  std::string text;
  for (const auto& [key, alert] : at.organization.alerts) {
    if (alert.project != at.project_slug) continue;
    text += "  - name: " + yaml_scalar(alert.name) +
            "\n    quantity: " + std::to_string(alert.quantity) +
            "\n    timespanMinutes: " + std::to_string(alert.timespan_minutes) + "\n";
    if (alert.uptime) text += "    uptime: true\n";
    text += "    recipients:\n";
    int url_number = 0;
    for (const AlertRecipient& recipient : alert.recipients) {
      if (recipient.type != "email") ++url_number;
      text += "      - " + recipient_yaml(at, alert, recipient, url_number, names, unread) + "\n";
    }
  }
  return text.empty() ? "" : "alerts:\n" + text;
}

// `keys:` with every live key's label, oldest first: the first declared key is where `dsn`
// delivers by default, as the oldest live key is without `keys:`.
std::string keys_yaml(const ProjectContext& at) {
  std::vector<const Key*> keys;
  for (const auto& [id, key] : at.organization.keys) {
    if (key.project == at.project_slug) keys.push_back(&key);
  }
  std::sort(keys.begin(), keys.end(), [](const Key* a, const Key* b) {
    return std::tie(a->created, a->label) < std::tie(b->created, b->label);
  });
  std::string text;
  for (const Key* key : keys) {
    text += "  - {label: " + yaml_scalar(key->label);
    if (key->rate_limit_window != 0 || key->rate_limit_count != 0) {
      text += ", rateLimit: {window: " + std::to_string(key->rate_limit_window) +
              ", count: " + std::to_string(key->rate_limit_count) + "}";
    }
    text += "}\n";
  }
  return text.empty() ? "" : "keys:\n" + text;
}

Files project_files(const Instance& live, std::vector<UnreadSecret>& unread) {
  Files files;
  SecretNames names;
  for (const auto& [slug, organization] : live.organizations) {
    for (const auto& [project_slug, project] : organization.projects) {
      const std::string path = "projects/" + slug + "/" + project_slug + ".yaml";
      std::string body = "kind: Project\nname: " + yaml_scalar(project.name) + "\n" +
                         project_slug_line(project.name, project_slug) +
                         "organization: " + organization_reference(live.name, organization.name) +
                         "\n";
      if (!project.platform.empty()) body += "platform: " + yaml_scalar(project.platform) + "\n";
      if (project.event_throttle_rate != 0) {
        body += "eventThrottleRate: " + std::to_string(project.event_throttle_rate) + "\n";
      }
      body += "teams: " + flow_list(project.teams) + "\n";
      const ProjectContext at{live, slug, organization, project_slug};
      body += alerts_yaml(at, names, unread) + keys_yaml(at);
      files.push_back({path, document(path, "project.schema.json", body)});
    }
  }
  return files;
}

// monitors/ORG/NAME.yaml. The fields a type takes, and `timeout` only where the server has
// one (the drf generation has none: 0).
std::string monitor_body(const Instance& live, const Organization& organization,
                         const Monitor& monitor) {
  std::string body = "kind: Monitor\nname: " + yaml_scalar(monitor.name) +
                     "\norganization: " + organization_reference(live.name, organization.name) +
                     "\n";
  if (!monitor.project.empty()) body += "project: " + yaml_scalar(monitor.project) + "\n";
  body += "type: " + yaml_scalar(monitor.type) + "\n";
  if (monitor.type != "Heartbeat") body += "url: " + yaml_scalar(monitor.url) + "\n";
  body += "interval: " + std::to_string(monitor.interval) + "\n";
  if (monitor.type == "GET" || monitor.type == "POST") {
    body += "expectedStatus: " + std::to_string(monitor.expected_status) + "\n";
    if (!monitor.expected_body.empty()) {
      body += "expectedBody: " + yaml_scalar(monitor.expected_body) + "\n";
    }
  }
  if (monitor.timeout != 0) body += "timeout: " + std::to_string(monitor.timeout) + "\n";
  return body;
}

Files monitor_files(const Instance& live) {
  Files files;
  for (const auto& [slug, organization] : live.organizations) {
    std::set<std::string> taken;
    for (const auto& [name, monitor] : organization.monitors) {
      const std::string stem = "monitors/" + slug + "/" + file_stem(name);
      std::string path = stem + ".yaml";
      for (int n = 2; taken.contains(path); ++n) path = stem + "-" + std::to_string(n) + ".yaml";
      taken.insert(path);
      files.push_back(
          {path, document(path, "monitor.schema.json", monitor_body(live, organization, monitor))});
    }
  }
  return files;
}

// The grants of an access, in the shape Roles and inline `access:` share, indented by
// `indent`. An organization grant is written where the role is not member or no team is
// granted (a team grant alone makes a member).
std::string grants_yaml(const Instance& live, const Access& access, const std::string& indent) {
  std::string organizations, teams;
  for (const auto& [organization_slug, role] : access.organizations) {
    const std::string& slug = organization_slug;
    const std::string& name = live.organizations.at(slug).name;
    const bool has_team = std::any_of(access.teams.begin(), access.teams.end(),
                                      [&](const auto& team) { return team.first == slug; });
    if (role != Role::member || !has_team) {
      organizations += indent + "  - {name: " + organization_reference(live.name, name) +
                       ", role: " + std::string(to_string(role)) + "}\n";
    }
  }
  for (const auto& [slug, team] : access.teams) {
    teams += indent + "  - {organization: " +
             organization_reference(live.name, live.organizations.at(slug).name) +
             ", name: " + yaml_scalar(team) + "}\n";
  }
  std::string text;
  if (!organizations.empty()) text += indent + "organizations:\n" + organizations;
  if (!teams.empty()) text += indent + "teams:\n" + teams;
  return text;
}

std::string spelled(const ExportOptions& options, const std::string& email) {
  const auto found = options.email_spellings.find(email);
  return found == options.email_spellings.end() ? email : found->second;
}

// `email:`, or `username:` for an address at the instance's mail domain.
std::string identity_line(const ExportOptions& options, const std::string& email) {
  const std::string address = spelled(options, email);
  const size_t at = address.rfind('@');
  if (!options.mail_domain.empty() && at != std::string::npos &&
      lower(address.substr(at + 1)) == lower(options.mail_domain)) {
    return "username: " + yaml_scalar(address.substr(0, at)) + "\n";
  }
  return "email: " + yaml_scalar(address) + "\n";
}

// users/<local part>.yaml, or users/<whole address>.yaml where local parts clash.
std::map<std::string, std::string> user_paths(const std::map<std::string, Access>& people) {
  std::map<std::string, int> local_uses;
  const auto local = [](const std::string& email) {
    return file_stem(email.substr(0, email.rfind('@')));
  };
  for (const auto& [email, access] : people) ++local_uses[local(email)];
  std::map<std::string, std::string> paths;
  std::set<std::string> taken;
  for (const auto& [email, access] : people) {
    const std::string stem = local_uses[local(email)] == 1 ? local(email) : file_stem(email);
    std::string path = "users/" + stem + ".yaml";
    for (int n = 2; taken.contains(path); ++n)
      path = "users/" + stem + "-" + std::to_string(n) + ".yaml";
    taken.insert(path);
    paths[email] = path;
  }
  return paths;
}

Files people_files(const Instance& live, const ExportOptions& options) {
  const std::map<std::string, Access> people = access_by_person(live);
  const std::map<std::string, std::string> paths = user_paths(people);
  Files files;
  if (!options.roles) {
    for (const auto& [email, access] : people) {
      const std::string& path = paths.at(email);
      files.push_back({path, document(path, "user.schema.json",
                                      "kind: User\n" + identity_line(options, email) + "access:\n" +
                                          grants_yaml(live, access, "  "))});
    }
    return files;
  }
  for (const AccessGroup& group : group_by_access(people)) {
    const std::string role_path = "roles/" + group.role_name + ".yaml";
    files.push_back({role_path, document(role_path, "role.schema.json",
                                         "kind: Role\nname: " + yaml_scalar(group.role_name) +
                                             "\n" + grants_yaml(live, group.access, ""))});
    for (const std::string& email : group.people) {
      const std::string& path = paths.at(email);
      files.push_back({path, document(path, "user.schema.json",
                                      "kind: User\n" + identity_line(options, email) +
                                          "roles: " + flow_list({group.role_name}) + "\n")});
    }
  }
  return files;
}

// What the definitions cannot say, found before anything is written.
Errors inexpressible(const Instance& live) {
  Errors errors;
  std::map<std::string, std::string> slug_by_name;
  for (const auto& [slug, organization] : live.organizations) {
    const auto [it, fresh] = slug_by_name.emplace(organization.name, slug);
    if (!fresh) {
      errors.push_back(Error{live.name + "/" + organization.name,
                             "two organizations are named '" + organization.name + "' (slugs " +
                                 it->second + " and " + slug + "); definitions need unique names",
                             "rename one in GlitchTip, or import one with --organization SLUG"});
    }
    for (const auto& [name, ids] : organization.duplicate_monitor_ids) {
      std::string listed;
      for (const std::string& id : ids) listed += (listed.empty() ? "" : ", ") + id;
      errors.push_back(Error{live.name + "/" + organization.name + "/monitor/" + name,
                             "several monitors are named '" + name + "' (ids " + listed +
                                 "); definitions need unique names",
                             "rename or delete all but one in GlitchTip, then import again"});
    }
    for (const auto& [key, alert] : organization.alerts) {
      const std::string address = live.name + "/" + organization.name + "/project/" +
                                  alert.project + "/alert/" + alert.name;
      if (!alert.duplicate_id.empty()) {
        errors.push_back(Error{address,
                               "two alerts of the project are named '" + alert.name + "' (ids " +
                                   alert.id + " and " + alert.duplicate_id +
                                   "); definitions need unique names",
                               "rename or delete one in GlitchTip, then import again"});
      }
      if (alert.name.find('/') != std::string::npos) {
        errors.push_back(Error{address,
                               "the alert's name has a '/', which definitions do not allow",
                               "rename it in GlitchTip, then import again"});
      }
      if (alert.recipients.empty()) {
        errors.push_back(Error{address,
                               "the alert has no recipient (GlitchTip then e-mails everyone); an "
                               "alert definition needs at least one",
                               "add a recipient in GlitchTip, then import again"});
      }
    }
    for (const auto& [project_slug, project] : organization.projects) {
      if (project.teams.empty()) {
        errors.push_back(Error{live.name + "/" + organization.name + "/project/" + project_slug,
                               "the project is in no team; a Project definition needs at least one",
                               "add it to a team in GlitchTip, then import again"});
      }
    }
  }
  return errors;
}

size_t count_alerts(const Instance& live) {
  size_t count = 0;
  for (const auto& [slug, organization] : live.organizations) count += organization.alerts.size();
  return count;
}

size_t count_keys(const Instance& live) {
  size_t count = 0;
  for (const auto& [slug, organization] : live.organizations) count += organization.keys.size();
  return count;
}

size_t count_under(const Files& files, const std::string& prefix) {
  return static_cast<size_t>(std::count_if(files.begin(), files.end(), [&](const ExportedFile& f) {
    return f.path.starts_with(prefix);
  }));
}

}  // namespace

std::string schema_comment(const std::string& path, const std::string& schema_file) {
  std::string up;
  for (const char c : path) {
    if (c == '/') up += "../";
  }
  return "# yaml-language-server: $schema=" + up + ".schemas/" + schema_file + "\n";
}

Result<ExportedDefinitions> export_definitions(const Instance& live, const ExportOptions& options) {
  if (Errors errors = inexpressible(live); !errors.empty()) return errors;
  ExportedDefinitions exported;
  Files& files = exported.files;
  files.push_back(instance_file(options));
  const auto append = [&files](Files more) {
    files.insert(files.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  };
  // One function a kind; a new kind (alerts, monitors, keys) is one more line here.
  append(organization_files(live, options));
  append(team_files(live));
  append(project_files(live, exported.unread_secrets));
  append(monitor_files(live));
  append(people_files(live, options));
  std::sort(files.begin(), files.end(),
            [](const ExportedFile& a, const ExportedFile& b) { return a.path < b.path; });
  exported.kinds = {{"instance", 1},
                    {"organizations", count_under(files, "organizations/")},
                    {"teams", count_under(files, "teams/")},
                    {"projects", count_under(files, "projects/")},
                    {"users", count_under(files, "users/")},
                    {"roles", count_under(files, "roles/")},
                    {"monitors", count_under(files, "monitors/")},
                    {"alerts", count_alerts(live)},
                    {"keys", count_keys(live)}};
  return exported;
}

}  // namespace gg::exporting
