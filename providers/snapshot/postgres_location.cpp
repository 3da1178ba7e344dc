#include "providers/snapshot/postgres_location.hpp"

#include <algorithm>
#include <cctype>

namespace gg {
namespace {

constexpr std::string_view kSchemes[] = {"postgresql://", "postgres://"};

bool valid_state_name(std::string_view name) {
  if (name.empty() || name.size() > 100) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

// The query without its password=... (kept in `password`) and sslpassword=... parameters.
std::string query_without_password(std::string_view query, std::string& password) {
  std::string kept;
  size_t start = 0;
  while (start <= query.size()) {
    const size_t end = std::min(query.find('&', start), query.size());
    const std::string_view parameter = query.substr(start, end - start);
    const std::string_view key = parameter.substr(0, parameter.find('='));
    if (key == "password") {
      password = std::string(parameter.substr(9));
    } else if (key.size() >= 8 && key.substr(key.size() - 8) == "password") {
      // sslpassword and any other secret parameter: left out of what is shown.
    } else if (!parameter.empty()) {
      kept += (kept.empty() ? "" : "&") + std::string(parameter);
    }
    start = end + 1;
  }
  return kept;
}

// "host:port" of the authority ("[user[:password]@]host[:port]"), for messages.
std::string server_of(std::string_view host_port) {
  if (host_port.find(',') != std::string_view::npos) return std::string(host_port);
  std::string host;
  std::string port = "5432";
  if (!host_port.empty() && host_port.front() == '[') {  // [::1]:5432
    const size_t close = host_port.find(']');
    host = std::string(host_port.substr(0, close + 1));
    if (close != std::string_view::npos && close + 2 < host_port.size()) {
      port = std::string(host_port.substr(close + 2));
    }
  } else if (const size_t colon = host_port.rfind(':'); colon != std::string_view::npos) {
    host = std::string(host_port.substr(0, colon));
    port = std::string(host_port.substr(colon + 1));
  } else {
    host = std::string(host_port);
  }
  return (host.empty() ? "localhost" : host) + ":" + port;
}

}  // namespace

bool is_postgres_uri(std::string_view text) {
  return std::any_of(std::begin(kSchemes), std::end(kSchemes),
                     [&](std::string_view scheme) { return text.rfind(scheme, 0) == 0; });
}

Result<PostgresLocation> parse_postgres_location(const std::string& text) {
  PostgresLocation location;
  const std::string_view all(text);
  const size_t hash = all.find('#');
  const std::string_view uri = all.substr(0, hash);
  location.state_name =
      hash == std::string_view::npos ? kDefaultStateName : std::string(all.substr(hash + 1));

  const std::string_view scheme = uri.substr(0, uri.find("://") + 3);
  const std::string_view rest = uri.substr(scheme.size());
  const size_t path = std::min(rest.find('/'), rest.find('?'));
  const std::string_view authority = rest.substr(0, path);
  const std::string_view tail = path == std::string_view::npos ? "" : rest.substr(path);
  const size_t at = authority.rfind('@');
  std::string_view user = at == std::string_view::npos ? "" : authority.substr(0, at);
  const std::string_view host_port =
      at == std::string_view::npos ? authority : authority.substr(at + 1);
  if (const size_t colon = user.find(':'); colon != std::string_view::npos) {
    location.password = std::string(user.substr(colon + 1));
    user = user.substr(0, colon);
  }
  const size_t question = tail.find('?');
  const std::string_view database = tail.substr(0, question);
  std::string query = question == std::string_view::npos
                          ? ""
                          : query_without_password(tail.substr(question + 1), location.password);

  location.uri = std::string(uri);
  location.server = server_of(host_port);
  location.shown = std::string(scheme) + (user.empty() ? "" : std::string(user) + "@") +
                   std::string(host_port) + std::string(database) +
                   (query.empty() ? "" : "?" + query) + "#" + location.state_name;

  if (database.size() <= 1) {
    return Error{location.shown, "names no database",
                 "write the database after the host: postgresql://user@host:5432/DBNAME"};
  }
  if (!valid_state_name(location.state_name)) {
    return Error{location.shown,
                 "the state name after '#' must be 1 to 100 letters, digits, '-', '_', '.' or "
                 "'/'",
                 "e.g. postgresql://user@host/glitchtip_state#team-a"};
  }
  return location;
}

}  // namespace gg
