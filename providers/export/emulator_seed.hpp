#pragma once
// A live Instance as a seed for the bundled GlitchTip emulator (tests/emulator/README.md),
// so a change can be tried against a copy of a real GlitchTip, offline. Secrets are
// replaced: the automation user's token is the emulator's test token of the instance name,
// sha256("glitchtip-emulator test token: " + name), the same rule as the example's seed.
// The automation user is made an owner of every organization and a member of every team,
// as it must be to read and change them all.

#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "planner/state.hpp"

namespace gg::exporting {

nlohmann::json emulator_seed(const Instance& live, const std::string& automation_user_email,
                             const std::map<std::string, std::string>& email_spellings);

// The emulator's test token of a label (see above); not a secret of any real GlitchTip.
std::string emulator_test_token(const std::string& label);

}  // namespace gg::exporting
