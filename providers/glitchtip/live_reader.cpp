#include "providers/glitchtip/live_reader.hpp"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>

#include "planner/kinds/alert.hpp"
#include "planner/kinds/key.hpp"
#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/link_header.hpp"
#include "providers/glitchtip/request_error.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {
namespace {

using nlohmann::json;

std::string with_limit(const std::string& path, int limit) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") +
         "limit=" + std::to_string(limit);
}

// The shared state of one read while its requests are in flight. Callbacks run on the
// client's loop thread; the caller waits in finish().
class Reading : public std::enable_shared_from_this<Reading> {
 public:
  using Handler = std::function<void(const HttpRequest&, const HttpResponse&)>;
  using ItemHandler = std::function<void(const json&)>;

  Reading(std::string instance, HttpClient& client, ReadOptions options)
      : instance_(std::move(instance)), client_(client), options_(std::move(options)) {}

  std::mutex mutex;  // held by every callback, and by the caller while it starts requests

  // Sends a GET; `handle` runs with the mutex held unless the read has already failed.
  void get(const std::string& path, const std::string& organization, Handler handle) {
    HttpRequest request;
    request.path = path;
    request.timeout = options_.timeout;
    ++outstanding_;
    if (!organization.empty()) ++pending_by_organization_[organization];
    client_.submit(request, [self = shared_from_this(), request, organization,
                             handle = std::move(handle)](const HttpResponse& response) {
      std::lock_guard lock(self->mutex);
      ++self->progress_.requests_done;
      if (self->errors_.empty()) handle(request, response);
      self->done_with(organization);
    });
  }

  // Every page of a list; `on_item` runs for each item.
  void list(const std::string& path, const std::string& organization, ItemHandler on_item) {
    auto seen = std::make_shared<std::set<std::string>>();
    page(with_limit(path, options_.page_size), organization, std::move(on_item), seen);
  }

  void fail(Error error) { errors_.push_back(std::move(error)); }
  bool failed() const { return !errors_.empty(); }

  void organization_found() { ++progress_.organizations_total; }

  // Waits for every request, then returns the errors (if any).
  Errors finish() {
    std::unique_lock lock(mutex);
    idle_.wait(lock, [&] { return outstanding_ == 0; });
    return errors_;
  }

  const std::string& instance() const { return instance_; }
  const ReadOptions& options() const { return options_; }

 private:
  void page(const std::string& path, const std::string& organization, ItemHandler on_item,
            const std::shared_ptr<std::set<std::string>>& seen) {
    get(path, organization,
        [this, organization, on_item = std::move(on_item), seen](const HttpRequest& request,
                                                                 const HttpResponse& response) {
          if (response.status != 200) return fail(request_error(instance_, request, response));
          const auto body = parse_body(response.body);
          if (!body || !body->is_array()) {
            return fail({instance_ + ": GET " + request.path.substr(0, request.path.find('?')),
                         "GlitchTip's answer is not a JSON list",
                         "check that the Instance url points at GlitchTip's API"});
          }
          for (const auto& item : *body) on_item(item);
          const auto next = next_page_url(response.link);
          if (!next) return;
          auto next_path = resolve_link(client_.base_url(), *next);
          if (!next_path.ok()) return fail(next_path.error());
          const std::string where =
              instance_ + ": GET " + request.path.substr(0, request.path.find('?'));
          if (!seen->insert(cursor_of(*next_path)).second) {
            return fail({where, "GlitchTip sent the same page twice; stopping to avoid a loop",
                         "report this to the GlitchTip server's administrators"});
          }
          if (static_cast<int>(seen->size()) >= options_.max_pages) {
            return fail({where, "more than " + std::to_string(options_.max_pages) + " pages",
                         "GlitchTip kept sending pages; check the server"});
          }
          page(*next_path, organization, on_item, seen);
        });
  }

  void done_with(const std::string& organization) {
    if (!organization.empty() && --pending_by_organization_[organization] == 0) {
      ++progress_.organizations_read;
    }
    if (options_.on_progress) options_.on_progress(progress_);
    if (--outstanding_ == 0) idle_.notify_all();
  }

  std::string instance_;
  HttpClient& client_;
  ReadOptions options_;
  std::condition_variable idle_;
  int outstanding_ = 0;
  std::map<std::string, int> pending_by_organization_;
  Progress progress_;
  Errors errors_;
};

// Answers of a per-project list, by organization slug and project slug.
using ProjectItems = std::map<std::string, std::map<std::string, std::vector<json>>>;

// What the lists of one read found; assembled into the Instance at the end.
struct Findings {
  std::map<std::string, Organization> organizations;
  std::map<std::string, std::map<std::string, std::vector<std::string>>> team_members;
  std::optional<ApiGeneration> root_generation;
  std::optional<json> organization_id;  // the first organization's, for detection
  bool projects_carry_throttle_rate = false;
  bool saw_projects = false;
  // Monitors: the answers, by organization slug, read once the generation is known.
  std::map<std::string, std::vector<json>> monitor_items;
  // Each project's alerts and keys as answered, by organization and project slug, read once
  // the generation is known.
  ProjectItems alert_items;
  ProjectItems key_items;
};

// One list of a project (its alerts, its keys), every page, as soon as the project is known,
// into `items` of the findings (an empty list stays: the project has none).
void read_project_list(const std::shared_ptr<Reading>& reading,
                       const std::shared_ptr<Findings>& findings, ProjectItems Findings::*items,
                       const std::string& path, const std::string& slug,
                       const std::string& project) {
  ((*findings).*items)[slug][project];
  reading->list(path, slug, [findings, items, slug, project](const json& item) {
    ((*findings).*items)[slug][project].push_back(item);
  });
}

// The alerts of every project, in the answer's generation; a second alert of
// one name is kept as the first's duplicate_id (a plan error where alerts are declared).
void assemble_alerts(Findings& findings, const GenerationApi& api) {
  for (auto& [slug, projects] : findings.alert_items) {
    auto& alerts = findings.organizations[slug].alerts;
    for (const auto& [project, items] : projects) {
      for (const json& item : items) {
        Alert alert = api.alert_from(item, project);
        const std::string key = alert_key(alert.project, alert.name);
        const auto [at, fresh] = alerts.emplace(key, alert);
        if (!fresh && at->second.duplicate_id.empty()) at->second.duplicate_id = alert.id;
      }
    }
  }
}

// The keys of every project, one label per project in the model; of several keys with one
// label the newest, the one a replacement made (the others are left alone).
void assemble_keys(const GenerationApi& api, Findings& findings) {
  for (auto& [slug, projects] : findings.key_items) {
    auto& keys = findings.organizations[slug].keys;
    for (auto& [project, items] : projects) {
      for (const json& item : items) {
        std::optional<Key> key = api.key_from(item);
        if (!key) continue;
        key->project = project;
        const std::string name = key_name(project, key->label);
        const auto found = keys.find(name);
        if (found != keys.end() && found->second.created >= key->created) continue;
        keys[name] = std::move(*key);
      }
    }
  }
}

void read_organization(const std::shared_ptr<Reading>& reading,
                       const std::shared_ptr<Findings>& findings, const std::string& slug) {
  reading->list(paths::organization_teams(slug), slug, [reading, findings, slug](const json& item) {
    Team team = team_from(item);
    if (team.slug.empty()) return;
    findings->team_members[slug][team.slug];
    const std::string team_slug = team.slug;
    findings->organizations[slug].teams[team_slug] = std::move(team);
    reading->list(paths::team_members(slug, team_slug), slug,
                  [findings, slug, team_slug](const json& member_item) {
                    if (auto member = member_from(member_item)) {
                      findings->team_members[slug][team_slug].push_back(member->email);
                    }
                  });
  });
  reading->list(paths::organization_monitors(slug), slug, [findings, slug](const json& item) {
    findings->monitor_items[slug].push_back(item);
  });
  reading->list(paths::organization_projects(slug), slug,
                [reading, findings, slug](const json& item) {
                  Project project = project_from(item);
                  if (project.slug.empty()) return;
                  read_project_list(reading, findings, &Findings::alert_items,
                                    paths::project_alerts(slug, project.slug), slug, project.slug);
                  read_project_list(reading, findings, &Findings::key_items,
                                    paths::project_keys(slug, project.slug), slug, project.slug);
                  findings->saw_projects = true;
                  if (item.is_object() && item.contains("eventThrottleRate")) {
                    findings->projects_carry_throttle_rate = true;
                  }
                  findings->organizations[slug].projects[project.slug] = std::move(project);
                });
  reading->list(paths::organization_members(slug), slug,
                [reading, findings, slug](const json& item) {
                  if (reading->options().on_member_email) {
                    reading->options().on_member_email(slug, member_email_as_sent(item));
                  }
                  if (auto member = member_from(item)) {
                    findings->organizations[slug].members[member->email] = std::move(*member);
                  }
                });
}

void add_organization(const std::shared_ptr<Reading>& reading,
                      const std::shared_ptr<Findings>& findings, const json& item) {
  Organization organization = organization_from(item);
  if (organization.slug.empty()) return;
  if (!findings->organization_id && item.contains("id")) findings->organization_id = item["id"];
  const std::string slug = organization.slug;
  if (findings->organizations.count(slug) > 0) return;
  findings->organizations[slug] = std::move(organization);
  reading->organization_found();
  read_organization(reading, findings, slug);
}

void detect_generation(const std::shared_ptr<Reading>& reading,
                       const std::shared_ptr<Findings>& findings) {
  reading->get(paths::root(), {},
               [reading, findings](const HttpRequest& request, const HttpResponse& response) {
                 if (response.status != 200)
                   return reading->fail(request_error(reading->instance(), request, response));
                 if (const auto body = parse_body(response.body))
                   findings->root_generation = generation_from_root(*body);
               });
}

// The monitors of one organization in the generation's spelling, their projects by slug;
// a name several monitors share is noted with their ids (a plan error).
void add_monitors(const GenerationApi& api, const std::vector<json>& items,
                  Organization& organization) {
  std::map<std::string, std::string> project_slugs;  // by id
  for (const auto& [slug, project] : organization.projects) project_slugs[project.id] = slug;
  for (const json& item : items) {
    std::optional<GenerationApi::LiveMonitor> live = api.monitor_from(item);
    if (!live) continue;
    Monitor& monitor = live->monitor;
    if (const auto project = project_slugs.find(live->project_id); project != project_slugs.end()) {
      monitor.project = project->second;
    }
    const auto [existing, added] = organization.monitors.emplace(monitor.name, monitor);
    if (added) continue;
    std::vector<std::string>& ids = organization.duplicate_monitor_ids[monitor.name];
    if (ids.empty()) ids.push_back(existing->second.id);
    ids.push_back(monitor.id);
    std::sort(ids.begin(), ids.end());
  }
}

Instance assemble(const std::string& name, const InstanceSettings& settings, Findings& findings,
                  ReadFacts* facts) {
  std::optional<ApiGeneration> generation = findings.root_generation;
  if (settings.api_generation != ApiGeneration::automatic) generation = settings.api_generation;
  if (!generation && findings.organization_id) {
    generation = generation_from_organization_id(*findings.organization_id);
  }
  const GenerationApi& api = api_of(generation.value_or(ApiGeneration::drf));
  for (auto& [slug, items] : findings.monitor_items) {
    const auto organization = findings.organizations.find(slug);
    if (organization != findings.organizations.end()) {
      add_monitors(api, items, organization->second);
    }
  }
  assemble_alerts(findings, api);
  assemble_keys(api, findings);
  Instance instance;
  instance.name = name;
  instance.settings = settings;
  const std::string automation = lower_case(settings.automation_user_email);
  for (auto& [slug, organization] : findings.organizations) {
    organization.members.erase(automation);
    for (auto& [team_slug, team] : organization.teams) {
      auto emails = findings.team_members[slug][team_slug];
      std::erase(emails, automation);
      std::sort(emails.begin(), emails.end());
      emails.erase(std::unique(emails.begin(), emails.end()), emails.end());
      team.members = std::move(emails);
    }
  }
  instance.organizations = std::move(findings.organizations);
  if (facts != nullptr) {
    facts->generation = findings.root_generation;
    if (!facts->generation && findings.organization_id) {
      facts->generation = generation_from_organization_id(*findings.organization_id);
    }
    facts->projects_carry_throttle_rate = findings.projects_carry_throttle_rate;
    facts->saw_projects = findings.saw_projects;
  }
  return instance;
}

}  // namespace

LiveReader::LiveReader(std::string instance, InstanceSettings settings, HttpClient& client,
                       ReadOptions options)
    : instance_(std::move(instance)),
      settings_(std::move(settings)),
      client_(client),
      options_(std::move(options)) {}

Result<Instance> LiveReader::read_all(bool detect, ReadFacts* facts) {
  auto reading = std::make_shared<Reading>(instance_, client_, options_);
  auto findings = std::make_shared<Findings>();
  {
    std::lock_guard lock(reading->mutex);
    if (detect) detect_generation(reading, findings);
    reading->list(paths::organizations(), {}, [reading, findings](const json& item) {
      add_organization(reading, findings, item);
    });
  }
  if (Errors errors = reading->finish(); !errors.empty()) return errors;
  return assemble(instance_, settings_, *findings, facts);
}

Result<Instance> LiveReader::read_some(const std::vector<std::string>& slugs, ReadFacts* facts) {
  auto reading = std::make_shared<Reading>(instance_, client_, options_);
  auto findings = std::make_shared<Findings>();
  {
    std::lock_guard lock(reading->mutex);
    for (const auto& slug : std::set<std::string>(slugs.begin(), slugs.end())) {
      reading->get(paths::organization(slug), slug,
                   [reading, findings](const HttpRequest& request, const HttpResponse& response) {
                     if (response.status == 404) return;  // gone, or not visible: absent
                     if (response.status != 200) {
                       return reading->fail(request_error(reading->instance(), request, response));
                     }
                     const auto body = parse_body(response.body);
                     if (!body || !body->is_object()) {
                       return reading->fail({reading->instance() + ": GET " + request.path,
                                             "GlitchTip's answer is not a JSON object", ""});
                     }
                     add_organization(reading, findings, *body);
                   });
    }
  }
  if (Errors errors = reading->finish(); !errors.empty()) return errors;
  return assemble(instance_, settings_, *findings, facts);
}

Result<std::vector<json>> read_list(const std::string& instance, HttpClient& client,
                                    const std::string& path, std::chrono::milliseconds timeout) {
  ReadOptions options;
  options.timeout = timeout;
  auto reading = std::make_shared<Reading>(instance, client, options);
  auto items = std::make_shared<std::vector<json>>();
  {
    std::lock_guard lock(reading->mutex);
    reading->list(path, {}, [items](const json& item) { items->push_back(item); });
  }
  if (Errors errors = reading->finish(); !errors.empty()) return errors;
  return std::move(*items);
}

Result<std::vector<Member>> read_members(const std::string& instance, HttpClient& client,
                                         const std::string& organization_slug,
                                         std::chrono::milliseconds timeout) {
  auto items = read_list(instance, client, paths::organization_members(organization_slug), timeout);
  if (!items.ok()) return items.errors();
  std::vector<Member> members;
  for (const auto& item : *items) {
    if (auto member = member_from(item)) members.push_back(std::move(*member));
  }
  return members;
}

}  // namespace gg::glitchtip
