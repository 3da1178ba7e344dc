#pragma once
// GlitchTip's message in an error answer, in either API generation (docs/glitchtip-api.md §9):
//   drf:   {"detail": "..."}, {"field": ["msg", ...], ...}, ["msg", ...], {"message": "..."}
//   ninja: {"detail": "..."}, {"detail": [{"loc": [..., "field"], "msg": "..."}, ...]}
// Anything else (an HTML error page, a proxy's text) is summarised, never dumped whole.

#include <string>
#include <string_view>

namespace gg::glitchtip {

// One line for a person, e.g. "email: Enter a valid email address."; empty for an empty body.
std::string glitchtip_message(std::string_view body);

}  // namespace gg::glitchtip
