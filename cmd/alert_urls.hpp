#pragma once
// alerts kind: apply sends the webhook URLs of the alerts it creates or updates, which the
// plan file holds only as digests. They are read again from the definitions (literal URLs
// from the files, secrets from their variables and files) in `directory`, and a URL whose
// digest is not the planned one refuses the plan before anything is applied.

#include <string>
#include <vector>

#include "planner/action.hpp"
#include "planner/result.hpp"

namespace gg::cmd {

// `actions`, each alert recipient's URL added to the create_alert/update_alert after (in
// memory only). The definitions are read only when an action needs a URL.
Result<std::vector<Action>> with_alert_urls(const std::vector<Action>& actions,
                                            const std::string& directory);

}  // namespace gg::cmd
