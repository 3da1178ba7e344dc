#pragma once
// The GlitchTip providers of the instances a command works on, opened together, read in
// parallel, and usable as one ActionRunner that sends each action to its instance.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cmd/log.hpp"
#include "planner/action_runner.hpp"
#include "planner/result.hpp"
#include "planner/state.hpp"
#include "providers/glitchtip/provider.hpp"

namespace gg::cmd {

struct ProviderOptions {
  int parallelism = 8;
  bool show_progress = false;  // a progress line on stderr while reading
};

class ProgressLine;

class InstanceProviders : public ActionRunner {
 public:
  ~InstanceProviders() override;

  // Opens one provider per instance (reading each token). All errors are reported together.
  static Result<std::unique_ptr<InstanceProviders>> open(
      const std::map<std::string, InstanceSettings>& instances, const ProviderOptions& options);

  // Reads every instance in full, in parallel: the live State.
  Result<State> read_live();
  // Reads only these organizations (by slug) of each instance, in parallel.
  Result<State> read_organizations(const std::map<std::string, std::vector<std::string>>& slugs);

  Result<ActionOutcome> run(const Action& action) override;

  // Makes a read in progress on another thread return promptly (with an error). For a read
  // started early whose result is no longer wanted; cannot be undone.
  void cancel();

  // Warnings of every provider (TLS verification off, ...), for stderr.
  std::vector<std::string> warnings() const;
  // For --log-level debug, one line an instance: "glitchtip-dev: 1252 requests, 0 retries,
  // 3.1 MB received".
  std::vector<std::string> statistics() const;

 private:
  InstanceProviders();
  std::unique_ptr<ProgressLine> progress_;
  std::map<std::string, std::unique_ptr<glitchtip::Provider>> providers_;
  std::map<std::string, InstanceSettings> settings_;
  ProviderOptions options_;
};

// The options of a command's providers: `parallelism` requests in flight per instance, and a
// progress line while reading when stderr is a terminal and info messages are shown as text.
// apply passes `progress` false: its action lines are its progress.
ProviderOptions provider_options(int parallelism, const Log& log, bool progress = true);

// The instance settings of the declared instances, narrowed to `only` when not empty.
Result<std::map<std::string, InstanceSettings>> instances_in_scope(
    const State& desired, const std::vector<std::string>& only);

// The live state an offline plan assumes: the snapshot's records of these instances.
State offline_live_state(const State& recorded,
                         const std::map<std::string, InstanceSettings>& instances);

}  // namespace gg::cmd
