#include "cmd/instance_providers.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

#include "cmd/terminal.hpp"

namespace gg::cmd {

// One line on stderr, rewritten in place, at most a few times a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  ~ProgressLine() { clear(); }
  void clear() {
    std::lock_guard lock(mutex_);
    if (enabled_ && shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }
  void show(const std::string& instance, const glitchtip::Progress& progress) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(150)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(stderr, "\r\033[KReading %s: %d of %d organizations, %llu requests",
                 instance.c_str(), progress.organizations_read, progress.organizations_total,
                 static_cast<unsigned long long>(progress.requests_done));
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_;
};

namespace {

// Runs `read` for every instance on its own thread; collects states and errors.
Result<State> read_each(
    const std::map<std::string, std::unique_ptr<glitchtip::Provider>>& providers,
    const std::function<Result<Instance>(const std::string&, glitchtip::Provider&)>& read) {
  std::vector<std::string> names;
  names.reserve(providers.size());
  for (const auto& [name, provider] : providers) names.push_back(name);
  std::vector<std::optional<Result<Instance>>> results(names.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < names.size(); ++i) {
    threads.emplace_back([&, i] { results[i].emplace(read(names[i], *providers.at(names[i]))); });
  }
  for (std::thread& thread : threads) thread.join();
  State state;
  Errors errors;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!results[i]->ok()) {
      errors.insert(errors.end(), results[i]->errors().begin(), results[i]->errors().end());
      continue;
    }
    Instance instance = std::move(*results[i]).value();
    instance.name = names[i];
    state.instances[names[i]] = std::move(instance);
  }
  if (!errors.empty()) return errors;
  return state;
}

}  // namespace

InstanceProviders::InstanceProviders() = default;
InstanceProviders::~InstanceProviders() = default;

Result<std::unique_ptr<InstanceProviders>> InstanceProviders::open(
    const std::map<std::string, InstanceSettings>& instances, const ProviderOptions& options) {
  std::unique_ptr<InstanceProviders> set(new InstanceProviders());
  set->options_ = options;
  set->settings_ = instances;
  set->progress_ = std::make_unique<ProgressLine>(options.show_progress);
  Errors errors;
  for (const auto& [name, settings] : instances) {
    glitchtip::ClientOptions client;
    client.parallelism = options.parallelism;
    client.on_progress = [line = set->progress_.get(), name = name](const glitchtip::Progress& p) {
      line->show(name, p);
    };
    Result<std::unique_ptr<glitchtip::Provider>> provider =
        glitchtip::Provider::open(name, settings, client);
    if (!provider.ok()) {
      errors.insert(errors.end(), provider.errors().begin(), provider.errors().end());
      continue;
    }
    set->providers_[name] = std::move(provider).value();
  }
  if (!errors.empty()) return errors;
  return set;
}

Result<State> InstanceProviders::read_live() {
  Result<State> state = read_each(
      providers_, [&](const std::string&, glitchtip::Provider& p) { return p.read_live(); });
  progress_->clear();
  if (state.ok()) {
    for (auto& [name, instance] : state->instances) instance.settings = settings_.at(name);
  }
  return state;
}

Result<State> InstanceProviders::read_organizations(
    const std::map<std::string, std::vector<std::string>>& slugs) {
  Result<State> state = read_each(providers_, [&](const std::string& name,
                                                  glitchtip::Provider& provider) {
    const auto it = slugs.find(name);
    return provider.read_organizations(it == slugs.end() ? std::vector<std::string>{} : it->second);
  });
  if (state.ok()) {
    for (auto& [name, instance] : state->instances) instance.settings = settings_.at(name);
  }
  return state;
}

Result<ActionOutcome> InstanceProviders::run(const Action& action) {
  const auto it = providers_.find(action.instance);
  if (it == providers_.end()) {
    return Error{
        action.address,
        "the plan names instance " + action.instance + ", which is not among the plan's instances",
        "make a new plan"};
  }
  return it->second->run(action);
}

void InstanceProviders::cancel() {
  for (const auto& [name, provider] : providers_) provider->cancel();
}

std::vector<std::string> InstanceProviders::statistics() const {
  std::vector<std::string> lines;
  for (const auto& [name, provider] : providers_) {
    const glitchtip::RequestStats stats = provider->stats();
    char received[32];
    std::snprintf(received, sizeof received, "%.1f MB",
                  static_cast<double>(stats.bytes_received) / 1e6);
    lines.push_back(name + ": " + std::to_string(stats.requests) + " requests, " +
                    std::to_string(stats.retries) + " retries, " + received + " received");
  }
  return lines;
}

std::vector<std::string> InstanceProviders::warnings() const {
  std::vector<std::string> all;
  for (const auto& [name, provider] : providers_) {
    all.insert(all.end(), provider->warnings().begin(), provider->warnings().end());
  }
  return all;
}

ProviderOptions provider_options(int parallelism, const Log& log, bool progress) {
  ProviderOptions options;
  options.parallelism = parallelism;
  options.show_progress =
      progress && stderr_is_terminal() && !log.json() && log.enabled(Log::Level::info);
  return options;
}

Result<std::map<std::string, InstanceSettings>> instances_in_scope(
    const State& desired, const std::vector<std::string>& only) {
  std::map<std::string, InstanceSettings> instances;
  Errors errors;
  for (const std::string& name : only) {
    if (!desired.instances.contains(name)) {
      errors.push_back(Error{"--instance " + name, "no Instance of that name is declared",
                             "check the name against the definitions' Instance documents"});
    }
  }
  if (!errors.empty()) return errors;
  for (const auto& [name, instance] : desired.instances) {
    if (only.empty() || std::find(only.begin(), only.end(), name) != only.end()) {
      instances[name] = instance.settings;
    }
  }
  return instances;
}

State offline_live_state(const State& recorded,
                         const std::map<std::string, InstanceSettings>& instances) {
  State live;
  for (const auto& [name, settings] : instances) {
    Instance instance;
    const auto it = recorded.instances.find(name);
    if (it != recorded.instances.end()) instance = it->second;
    instance.name = name;
    instance.settings = settings;
    instance.capabilities.reset();
    live.instances[name] = std::move(instance);
  }
  return live;
}

}  // namespace gg::cmd
