#pragma once
// Where a PostgreSQL snapshot lives, parsed from --snapshot / $GLITCHTIP_GITOPS_SNAPSHOT:
//   postgresql://[user[:password]@]host[:port]/dbname[?param=value&...][#NAME]
// (postgres:// too). NAME is the state's name inside the database (default "default"), so
// several definitions repositories can share one database. The URI without the fragment goes
// to libpq as it is, so every libpq parameter (sslmode, connect_timeout, ...) works; the
// password may also come from PGPASSWORD, ~/.pgpass or PGPASSFILE, as libpq finds it.
//
// `shown` is what every message prints: the URI with any password (in the user part or a
// password= parameter) left out, so no output can leak it.

#include <string>
#include <string_view>

#include "planner/result.hpp"

namespace gg {

inline constexpr const char* kDefaultStateName = "default";

struct PostgresLocation {
  std::string uri;         // for libpq: the URI without "#NAME"
  std::string shown;       // for people: the URI without the password, with "#NAME"
  std::string state_name;  // "default" unless #NAME says otherwise
  std::string server;      // "host:port" for timeout messages ("localhost:5432" by default)
  std::string password;    // from the URI, if any: what every message must never contain
};

// True when `text` names a PostgreSQL database rather than a file.
bool is_postgres_uri(std::string_view text);

// The location in `text` (is_postgres_uri must hold); an error names what is wrong with it
// without repeating a password.
Result<PostgresLocation> parse_postgres_location(const std::string& text);

}  // namespace gg
