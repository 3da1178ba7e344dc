#pragma once
// A live Instance as definitions in the layout `import` writes: one object a file,
//   instance.yaml, organizations/ORG.yaml, teams/ORG/TEAM.yaml, projects/ORG/PROJECT.yaml,
//   users/USER.yaml, roles/ROLE.yaml, monitors/ORG/MONITOR.yaml
// (ORG, TEAM, PROJECT are GlitchTip's slugs), each file starting with a
// `# yaml-language-server: $schema=` line relative to DIR/.schemas/. Pure: the files are
// returned as text, cmd writes them.
//
// Identity survives the round trip: a `slug:` is written wherever slugify(name) would not
// give GlitchTip's slug, e-mails keep GlitchTip's spelling, pending invitations are written
// like accepted members. The automation user is never written (the live reader leaves it
// out). Each kind is one function; a new kind is one more, called from export_definitions.

#include <map>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "planner/state.hpp"

namespace gg::exporting {

struct ExportOptions {
  std::string instance_name;
  std::string url;
  std::string token_env;              // the Instance's token: {env: token_env}
  std::string automation_user_email;  // as given on the command line
  std::string mail_domain;            // empty: none; else users at it get `username:`
  bool roles = true;                  // false: inline `access:` on every User
  // Lower-case e-mail -> as GlitchTip spells it; absent: the lower-case form is written.
  std::map<std::string, std::string> email_spellings;
};

struct ExportedFile {
  std::string path;  // relative to DIR, '/'-separated
  std::string text;
};

// A value that must not be in DIR: the definitions say `{env: name}` and the secrets file
// holds name=value. No kind has one yet whose value import can read.
struct SecretValue {
  std::string name;
  std::string value;
};

// A secret import cannot read: an alert recipient's webhook URL, of which GlitchTip's answer
// leaves only a digest in the model. The definitions say `{env: name}`; the person running
// import sets the variable. What identifies it is what plans may show, never the URL.
struct UnreadSecret {
  std::string name;     // the environment variable
  std::string address;  // INSTANCE/ORG/project/SLUG/alert/NAME
  std::string type;     // webhook, discord, googlechat
  std::string shown;    // scheme and host and "…"
  std::string sha256;   // of the URL, hex
};

struct ExportedDefinitions {
  std::vector<ExportedFile> files;                    // sorted by path
  std::vector<std::pair<std::string, size_t>> kinds;  // kind (plural) -> count, in print order
  std::vector<SecretValue> secrets;
  std::vector<UnreadSecret> unread_secrets;  // in file order
};

// Errors for what definitions cannot express: two organizations with one name, a project
// without a team, two monitors or alerts with one name, an alert without recipients or with
// a '/' in its name.
Result<ExportedDefinitions> export_definitions(const Instance& live, const ExportOptions& options);

// The `$schema` comment for a file at `path` (relative to DIR) of schema `schema_file`.
std::string schema_comment(const std::string& path, const std::string& schema_file);

}  // namespace gg::exporting
