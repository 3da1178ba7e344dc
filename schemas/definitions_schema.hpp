#pragma once
// One JSON Schema for any definitions document: an editor (yaml-language-server) can point a
// whole definitions directory at it, whatever kind each document is. It holds every kind's
// schema of schemas/ and picks one by the document's `kind`.

#include <string>

namespace gg {

inline constexpr const char* kDefinitionsSchemaFile = "definitions.schema.json";

// The definition kinds, as written in `kind:`, in the order documented.
inline constexpr const char* kDefinitionKinds[] = {"Instance", "Organization", "Team",   "Project",
                                                   "User",     "Role",         "Monitor"};

// The combined schema's text, indented by two spaces, ending in a newline.
std::string definitions_schema_text();

}  // namespace gg
