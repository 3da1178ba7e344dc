#include "cmd/live_read.hpp"

namespace gg::cmd {

LiveRead read_live_now(const std::map<std::string, InstanceSettings>& instances,
                       const ProviderOptions& options) {
  Result<std::unique_ptr<InstanceProviders>> providers =
      InstanceProviders::open(instances, options);
  if (!providers.ok()) return LiveRead{providers.errors(), {}, {}};
  LiveRead read{(*providers)->read_live(), (*providers)->warnings(), {}};
  read.statistics = (*providers)->statistics();
  return read;
}

std::unique_ptr<EarlyLiveRead> EarlyLiveRead::start(
    std::map<std::string, InstanceSettings> instances, const ProviderOptions& options) {
  Result<std::unique_ptr<InstanceProviders>> providers =
      InstanceProviders::open(instances, options);
  if (!providers.ok()) return nullptr;
  std::unique_ptr<EarlyLiveRead> early(new EarlyLiveRead());
  early->instances_ = std::move(instances);
  early->providers_ = std::move(providers).value();
  early->thread_ = std::thread([read = early.get()] {
    read->read_.state = read->providers_->read_live();
    read->read_.warnings = read->providers_->warnings();
    read->read_.statistics = read->providers_->statistics();
  });
  return early;
}

EarlyLiveRead::~EarlyLiveRead() {
  if (!thread_.joinable()) return;
  providers_->cancel();
  thread_.join();
}

std::optional<LiveRead> EarlyLiveRead::take(
    const std::map<std::string, InstanceSettings>& instances) {
  if (instances != instances_ || !thread_.joinable()) return std::nullopt;
  thread_.join();
  return std::move(read_);
}

}  // namespace gg::cmd
