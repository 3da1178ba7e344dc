#pragma once
// alerts kind: the webhook URLs that the definitions give as secrets ({env: VAR},
// {file: PATH}). They are read only by the commands that talk to GlitchTip (plan, apply),
// never by validate, and only their SHA-256 and scheme and host leave memory
// (planner/kinds/alert.hpp). A file's path is taken as written, relative to the working
// directory, like an Instance's token file.

#include <map>
#include <string>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg {

// Reads every secret URL of the declared alerts and fills in each such recipient's digest,
// shown form and (in memory) URL. Errors name the alert's address and where the URL was to
// come from, never a value.
Status resolve_alert_secrets(State& desired);

// The URL of every declared recipient by its digest (after resolve_alert_secrets), for
// apply to send.
std::map<std::string, std::string> declared_alert_urls(const State& desired);

}  // namespace gg
