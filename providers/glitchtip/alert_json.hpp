#pragma once
// alerts kind: what both API generations share in a project alert's JSON, given the names
// that differ (api_drf.cpp, api_ninja.cpp pass theirs). A recipient's URL goes into a request
// body and nowhere else; an answer's URLs become digests at once (planner/kinds/alert.hpp).

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "planner/state.hpp"

namespace gg::glitchtip {

// {name, TIMESPAN, quantity, uptime, alertRecipients: [{recipientType, url}]} from an
// action's fields; email recipients carry url "".
nlohmann::json alert_body_with(const nlohmann::json& fields,
                               const std::vector<std::pair<std::string, std::string>>& recipients,
                               const char* timespan_key);

// The alert in an answer, its id at `id_key` and its timespan at `timespan_key`.
Alert alert_with(const nlohmann::json& answer, const std::string& project, const char* id_key,
                 const char* timespan_key);

}  // namespace gg::glitchtip
