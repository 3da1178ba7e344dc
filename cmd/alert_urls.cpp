#include "cmd/alert_urls.hpp"

#include <map>

#include "planner/kinds/fields.hpp"
#include "providers/definitions/alert_secrets.hpp"
#include "providers/definitions/definitions.hpp"

namespace gg::cmd {
namespace {

using fields::text;

bool needs_url(const Action& action) {
  if (action.type != ActionType::create_alert && action.type != ActionType::update_alert) {
    return false;
  }
  const auto list = action.after.find("recipients");
  if (list == action.after.end() || !list->is_array()) return false;
  for (const auto& item : *list) {
    if (!text(item, "sha256").empty()) return true;
  }
  return false;
}

// "the secret behind NASA_SLACK_WEBHOOK", "the secret in /run/hook", or the literal's words.
std::string source_words(const nlohmann::json& recipient) {
  const std::string secret = text(recipient, "secret");
  const size_t space = secret.find(' ');
  if (secret.starts_with("env ")) return "the secret behind " + secret.substr(space + 1);
  if (secret.starts_with("file ")) return "the secret in " + secret.substr(space + 1);
  return "the URL of the " + text(recipient, "type") + " recipient " + text(recipient, "shown");
}

}  // namespace

Result<std::vector<Action>> with_alert_urls(const std::vector<Action>& actions,
                                            const std::string& directory) {
  bool needed = false;
  for (const Action& action : actions) needed = needed || needs_url(action);
  if (!needed) return actions;
  Result<Definitions> definitions = load_definitions(directory);
  if (!definitions.ok()) return definitions.errors();
  if (Status secrets = resolve_alert_secrets(definitions->desired); !secrets.ok()) {
    return secrets.errors();
  }
  const std::map<std::string, std::string> urls = declared_alert_urls(definitions->desired);
  std::vector<Action> filled = actions;
  Errors errors;
  for (Action& action : filled) {
    if (!needs_url(action)) continue;
    for (auto& recipient : action.after["recipients"]) {
      const std::string digest = text(recipient, "sha256");
      if (digest.empty()) continue;
      const auto found = urls.find(digest);
      if (found == urls.end()) {
        errors.push_back({action.address,
                          source_words(recipient) + " changed since the plan (sha256 " +
                              digest.substr(0, 8) + " planned); nothing was applied",
                          "run plan again with the URL apply is to send, and have the new plan "
                          "reviewed"});
        continue;
      }
      recipient["url"] = found->second;
    }
  }
  if (!errors.empty()) return errors;
  return filled;
}

}  // namespace gg::cmd
