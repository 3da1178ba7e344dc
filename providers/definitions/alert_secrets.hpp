#pragma once
// alerts kind: the webhook URLs that the definitions give as secrets ({env: VAR},
// {file: PATH}). They are read only by plan, refresh and apply, never by validate (and
// plan --offline makes do without those the snapshot pins down), and only their SHA-256
// and scheme and host leave memory (planner/kinds/alert.hpp). A file's path is taken as written,
// relative to the working directory, like an Instance's token file.

#include <map>
#include <string>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg {

// Reads every secret URL of the declared alerts and fills in each such recipient's digest,
// shown form and (in memory) URL. Errors name the alert's address and where the URL was to
// come from, never a value.
Status resolve_alert_secrets(State& desired);

// The same for plan --offline, which talks to no GlitchTip and so should not need its
// secrets: a secret that cannot be read here is taken as the URL the snapshot records for
// that alert, when the snapshot says which one it is (as many unread recipients of a type as
// recorded recipients of that type that no readable one matches). Such a recipient keeps the
// recorded digest and no URL, and is a warning: apply reads the secret again and refuses the
// plan if it holds another URL. An alert the snapshot does not record, or cannot pin down,
// is an error as in resolve_alert_secrets.
Status resolve_alert_secrets_offline(State& desired, const State& recorded, Errors& warnings);

// The URL of every declared recipient by its digest (after resolve_alert_secrets), for
// apply to send.
std::map<std::string, std::string> declared_alert_urls(const State& desired);

}  // namespace gg
