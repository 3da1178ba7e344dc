#pragma once
// The Django REST framework API of GlitchTip up to 4.0.9 (docs/glitchtip-api.md): what it
// does differently from the django-ninja API. See api_generation.hpp.

#include <string>

#include "providers/glitchtip/api_generation.hpp"

namespace gg::glitchtip {

class DrfApi final : public GenerationApi {
 public:
  ApiGeneration generation() const override { return ApiGeneration::drf; }
  std::string_view title() const override { return "Django REST framework API"; }
  bool root_auth_is_ours(const nlohmann::json& auth) const override;
  bool organization_ids_are_numbers() const override { return true; }
  bool renames_project_slugs() const override { return false; }
  bool projects_always_carry_throttle_rate() const override { return false; }
  nlohmann::json invite_member_body(const std::string& email,
                                    const std::string& role) const override;
  nlohmann::json member_role_body(const std::string& role) const override;
  bool has_tcp_monitors() const override { return false; }
  bool has_monitor_timeout() const override { return false; }
  nlohmann::json monitor_body(const Monitor& monitor, const std::string& project_id) const override;
  std::optional<LiveMonitor> monitor_from(const nlohmann::json& item) const override;
  // alerts kind
  nlohmann::json alert_body(
      const nlohmann::json& fields,
      const std::vector<std::pair<std::string, std::string>>& recipients) const override;
  Alert alert_from(const nlohmann::json& answer, const std::string& project) const override;
  std::vector<std::string> alert_recipient_types() const override;
  bool keys_take_rate_limits() const override { return false; }  // keys
  nlohmann::json key_body(const Key& key) const override;
  std::optional<Key> key_from(const nlohmann::json& item) const override;
};

// drf answers 400 ["Organization does not exist"] to a create in an organization the
// automation user cannot act in: a 404 in disguise. Errors are worded without knowing the
// generation (detection itself can fail), so this is asked of every answer.
bool drf_hides_missing_organization(long status, const std::string& message);

}  // namespace gg::glitchtip
