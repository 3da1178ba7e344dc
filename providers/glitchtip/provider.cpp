#include "providers/glitchtip/provider.hpp"

#include <algorithm>

#include "providers/glitchtip/api_generation.hpp"
#include "providers/glitchtip/api_paths.hpp"
#include "providers/glitchtip/request_error.hpp"
#include "providers/glitchtip/responses.hpp"

namespace gg::glitchtip {

Result<std::unique_ptr<Provider>> Provider::open(const std::string& instance_name,
                                                 const InstanceSettings& settings,
                                                 ClientOptions options) {
  if (!settings.url.starts_with("http://") && !settings.url.starts_with("https://")) {
    return Error{instance_name, "the url '" + settings.url + "' is not an http(s) URL",
                 "set url to GlitchTip's address, e.g. https://glitchtip.example.com"};
  }
  auto token = read_token(instance_name, settings.token);
  if (!token.ok()) return token.errors();
  Endpoint endpoint{settings.url, settings.ca_file, !settings.insecure_skip_tls_verify};
  TransportOptions transport;
  transport.parallelism = options.parallelism;
  transport.max_retries = settings.max_retries;
  transport.backoff = options.backoff;
  auto client = HttpClient::create(std::move(endpoint), std::move(token).value(), transport);
  if (!client.ok()) {
    Errors errors = client.errors();
    for (auto& error : errors) error.where = instance_name + ": " + error.where;
    return errors;
  }
  return std::unique_ptr<Provider>(
      new Provider(instance_name, settings, std::move(client).value(), std::move(options)));
}

Provider::Provider(std::string name, InstanceSettings settings, std::unique_ptr<HttpClient> client,
                   ClientOptions options)
    : name_(std::move(name)),
      settings_(std::move(settings)),
      client_(std::move(client)),
      options_(std::move(options)),
      read_timeout_(std::chrono::seconds(std::max(1, settings_.read_timeout_seconds))),
      delete_timeout_(
          std::max<std::chrono::milliseconds>(read_timeout_ * 10, std::chrono::seconds(300))) {
  if (settings_.insecure_skip_tls_verify) {
    warnings_.push_back(name_ +
                        ": TLS certificate verification is off (insecureSkipTLSVerify); "
                        "anyone on the network path can read the API token");
  }
  if (settings_.api_generation != ApiGeneration::automatic) generation_ = settings_.api_generation;
}

Result<ApiGeneration> Provider::generation() {
  {
    std::lock_guard lock(mutex_);
    if (generation_) return *generation_;
  }
  HttpRequest request;
  request.path = paths::root();
  request.timeout = read_timeout_;
  const HttpResponse response = client_->perform(request);
  if (response.status != 200) return request_error(name_, request, response, "detecting the API");
  const auto body = parse_body(response.body);
  const auto detected = body ? generation_from_root(*body) : std::nullopt;
  if (!detected) {
    return Error{name_ + ": GET " + paths::root(),
                 "cannot tell GlitchTip's API generation from its answer",
                 "pin it with apiGeneration: drf or apiGeneration: ninja on the Instance"};
  }
  std::lock_guard lock(mutex_);
  if (!generation_) generation_ = *detected;
  return *generation_;
}

Result<Capabilities> Provider::capabilities() {
  const auto api = generation();
  if (!api.ok()) return api.errors();
  Capabilities capabilities;
  capabilities.generation = *api;
  const GenerationApi& rules = api_of(*api);
  capabilities.project_slug_rename = rules.renames_project_slugs();
  capabilities.tcp_monitors = rules.has_tcp_monitors();
  capabilities.monitor_timeout = rules.has_monitor_timeout();
  capabilities.key_rate_limits = rules.keys_take_rate_limits();  // keys
  const bool always = rules.projects_always_carry_throttle_rate();
  std::lock_guard lock(mutex_);
  capabilities.event_throttle_rate = always || throttle_rate_seen_.value_or(false);
  capabilities.event_throttle_rate_detected = always || throttle_rate_seen_.has_value();
  capabilities.alert_recipient_types = rules.alert_recipient_types();  // alerts kind
  return capabilities;
}

void Provider::remember_read(const ReadFacts& facts, Instance& instance) {
  {
    std::lock_guard lock(mutex_);
    if (!generation_) generation_ = facts.generation.value_or(ApiGeneration::drf);
    if (facts.saw_projects) throttle_rate_seen_ = facts.projects_carry_throttle_rate;
    for (const auto& [slug, organization] : instance.organizations) {
      auto& ids = member_ids_[slug];
      ids.clear();
      for (const auto& [email, member] : organization.members) ids[email] = member.id;
    }
  }
  const auto capabilities = this->capabilities();
  if (capabilities.ok()) instance.capabilities = *capabilities;
}

Result<Instance> Provider::read_live() {
  bool detect = false;
  {
    std::lock_guard lock(mutex_);
    detect = !generation_.has_value();
  }
  ReadOptions options;
  options.timeout = read_timeout_;
  options.on_progress = options_.on_progress;
  options.on_member_email = options_.on_member_email;
  ReadFacts facts;
  auto instance = LiveReader(name_, settings_, *client_, options).read_all(detect, &facts);
  if (!instance.ok()) return instance;
  remember_read(facts, *instance);
  return instance;
}

Result<Instance> Provider::read_organizations(const std::vector<std::string>& slugs) {
  ReadOptions options;
  options.timeout = read_timeout_;
  options.on_progress = options_.on_progress;
  options.on_member_email = options_.on_member_email;
  ReadFacts facts;
  auto instance = LiveReader(name_, settings_, *client_, options).read_some(slugs, &facts);
  if (!instance.ok()) return instance;
  remember_read(facts, *instance);
  return instance;
}

HttpResponse Provider::send(const std::string& method, const std::string& path,
                            std::optional<nlohmann::json> body, bool repeatable, bool is_delete) {
  HttpRequest request;
  request.method = method;
  request.path = path;
  request.body = std::move(body);
  request.repeatable = repeatable;
  request.timeout = is_delete ? delete_timeout_ : read_timeout_;
  return client_->perform(std::move(request));
}

Error Provider::failure(const Action& action, const std::string& method, const std::string& path,
                        const HttpResponse& response) {
  HttpRequest request;
  request.method = method;
  request.path = path;
  return request_error(name_, request, response, action.address);
}

Result<std::optional<std::string>> Provider::member_id(const std::string& organization,
                                                       const std::string& email) {
  {
    std::lock_guard lock(mutex_);
    const auto ids = member_ids_.find(organization);
    if (ids != member_ids_.end()) {
      const auto found = ids->second.find(email);
      if (found != ids->second.end()) return std::optional<std::string>(found->second);
    }
  }
  auto members = read_members(name_, *client_, organization, read_timeout_);
  if (!members.ok()) return members.errors();
  std::lock_guard lock(mutex_);
  auto& ids = member_ids_[organization];
  for (const auto& member : *members) ids[member.email] = member.id;
  const auto found = ids.find(email);
  if (found == ids.end()) return std::optional<std::string>();
  return std::optional<std::string>(found->second);
}

void Provider::remember_member(const std::string& organization, const std::string& email,
                               const std::string& id) {
  std::lock_guard lock(mutex_);
  member_ids_[organization][email] = id;
}

void Provider::forget_member(const std::string& organization, const std::string& email) {
  std::lock_guard lock(mutex_);
  member_ids_[organization].erase(email);
}

}  // namespace gg::glitchtip
