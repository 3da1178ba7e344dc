#pragma once
// Reading GlitchTip for plan: the live State of the instances in scope, and the same read
// started early, from a quick look at the Instance documents, so that it overlaps with
// loading the definitions and the snapshot (CPU work) instead of following it. On a large
// tree that is most of a plan's wall time (docs/performance.md).

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cmd/instance_providers.hpp"
#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg::cmd {

struct LiveRead {
  Result<State> state = State{};
  std::vector<std::string> warnings;    // for stderr (TLS verification off, ...)
  std::vector<std::string> statistics;  // requests made, per instance (--log-level debug)
};

// Opens the providers of `instances` and reads them in full.
LiveRead read_live_now(const std::map<std::string, InstanceSettings>& instances,
                       const ProviderOptions& options);

class EarlyLiveRead {
 public:
  // Starts reading `instances` on a thread of its own; nullptr when their providers cannot
  // be opened (a missing token, ...): the caller then reads the usual way, after the
  // definitions, and reports that error in its turn.
  static std::unique_ptr<EarlyLiveRead> start(std::map<std::string, InstanceSettings> instances,
                                              const ProviderOptions& options);
  // Cancels a read still running and waits for its thread.
  ~EarlyLiveRead();
  EarlyLiveRead(const EarlyLiveRead&) = delete;
  EarlyLiveRead& operator=(const EarlyLiveRead&) = delete;

  // The read, once finished, if it was made for exactly `instances` (what the full
  // definitions say); nullopt otherwise, and the caller reads again.
  std::optional<LiveRead> take(const std::map<std::string, InstanceSettings>& instances);

 private:
  EarlyLiveRead() = default;
  std::map<std::string, InstanceSettings> instances_;
  std::unique_ptr<InstanceProviders> providers_;
  LiveRead read_;
  std::thread thread_;
};

}  // namespace gg::cmd
