#include "providers/export/definitions_export.hpp"

#include <algorithm>
#include <set>

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

Files project_files(const Instance& live) {
  Files files;
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
      files.push_back({path, document(path, "project.schema.json", body)});
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
  append(project_files(live));
  append(people_files(live, options));
  std::sort(files.begin(), files.end(),
            [](const ExportedFile& a, const ExportedFile& b) { return a.path < b.path; });
  exported.kinds = {{"instance", 1},
                    {"organizations", count_under(files, "organizations/")},
                    {"teams", count_under(files, "teams/")},
                    {"projects", count_under(files, "projects/")},
                    {"users", count_under(files, "users/")},
                    {"roles", count_under(files, "roles/")}};
  return exported;
}

}  // namespace gg::exporting
