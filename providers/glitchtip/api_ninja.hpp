#pragma once
// The django-ninja API of GlitchTip 4.1 or later (docs/glitchtip-api.md): what it does
// differently from the Django REST framework API. See api_generation.hpp.

#include <string>

#include "providers/glitchtip/api_generation.hpp"

namespace gg::glitchtip {

class NinjaApi final : public GenerationApi {
 public:
  ApiGeneration generation() const override { return ApiGeneration::ninja; }
  std::string_view title() const override { return "django-ninja API"; }
  bool root_auth_is_ours(const nlohmann::json& auth) const override;
  bool organization_ids_are_numbers() const override { return false; }
  bool renames_project_slugs() const override { return true; }
  bool projects_always_carry_throttle_rate() const override { return true; }
  nlohmann::json invite_member_body(const std::string& email,
                                    const std::string& role) const override;
  nlohmann::json member_role_body(const std::string& role) const override;
  bool has_tcp_monitors() const override { return true; }
  bool has_monitor_timeout() const override { return true; }
  nlohmann::json monitor_body(const Monitor& monitor, const std::string& project_id) const override;
  std::optional<LiveMonitor> monitor_from(const nlohmann::json& item) const override;
  // alerts kind
  nlohmann::json alert_body(
      const nlohmann::json& fields,
      const std::vector<std::pair<std::string, std::string>>& recipients) const override;
  Alert alert_from(const nlohmann::json& answer, const std::string& project) const override;
  std::vector<std::string> alert_recipient_types() const override;
  bool keys_take_rate_limits() const override { return true; }  // keys
  nlohmann::json key_body(const Key& key) const override;
  std::optional<Key> key_from(const nlohmann::json& item) const override;
};

}  // namespace gg::glitchtip
