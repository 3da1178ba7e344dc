#pragma once
// The error for a request that GlitchTip refused or did not answer, for a person: it names
// the instance, the method and path (never the token), the status and GlitchTip's own
// message, and says what to check (the token's scopes, the automation user's membership,
// the URL, GlitchTip's logs).

#include <string>

#include "planner/error.hpp"
#include "providers/glitchtip/http_client.hpp"

namespace gg::glitchtip {

// `what` says what the request was for ("reading organization nasa"); may be empty.
Error request_error(const std::string& instance, const HttpRequest& request,
                    const HttpResponse& response, const std::string& what = {});

// The token scope a request needs, e.g. "member:write" for POST .../members/.
std::string required_scope(const HttpRequest& request);

}  // namespace gg::glitchtip
