// Emulator: serves the Api over HTTP with cpp-httplib, with the request log, fault injection
// and the /_emulator/ admin endpoints (README.md).
#include "tests/emulator/emulator.hpp"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <regex>
#include <shared_mutex>
#include <thread>

#include "tests/emulator/api.hpp"
#include "tests/emulator/faults.hpp"
#include "tests/emulator/shapes.hpp"
#include "tests/emulator/world.hpp"

namespace gg::emulator {

namespace {

// listen(2) backlog: what nginx uses (511) and more; the kernel caps it at somaxconn.
constexpr int kListenBacklog = 512;

using Clock = std::chrono::steady_clock;

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  }
  if (address.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  }
  return -1;
}

// Closes the connection a request came on, so the client gets no response at all. httplib
// does not hand the socket to handlers, so find it among our descriptors by its two ports;
// shutdown() (not close()) leaves the descriptor to httplib, whose write then fails.
// cpp-httplib compresses with Brotli at its highest quality whenever a client accepts `br`:
// about 180 ms of CPU for one 40 kB page of members, which made the emulator, not the
// network, the bottleneck of the benchmarks. GlitchTip's servers offer gzip at most (nginx's
// default), so the emulator does the same. The Request is the server's own object, handed to
// handlers as const; changing one of its headers before routing is what the hook is for.
httplib::Server::HandlerResponse offer_gzip_at_most(const httplib::Request& request,
                                                    httplib::Response&) {
  auto& headers = const_cast<httplib::Request&>(request).headers;
  const auto accept = headers.find("Accept-Encoding");
  if (accept != headers.end()) {
    accept->second = accept->second.find("gzip") != std::string::npos ? "gzip" : "identity";
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

void drop_connection(const httplib::Request& request) {
  DIR* fds = opendir("/proc/self/fd");
  if (fds == nullptr) return;
  while (const dirent* entry = readdir(fds)) {
    int fd = -1;  // stays -1 for "." and ".."
    std::from_chars(entry->d_name, entry->d_name + std::strlen(entry->d_name), fd);
    if (fd <= 2 || fd == dirfd(fds)) continue;
    sockaddr_storage local{}, peer{};
    socklen_t local_size = sizeof local, peer_size = sizeof peer;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0) continue;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) continue;
    if (port_of(local) == request.local_port && port_of(peer) == request.remote_port) {
      shutdown(fd, SHUT_RDWR);
      break;
    }
  }
  closedir(fds);
}

std::string status_fault_body(int status, bool ninja) {
  if (status == 429) {
    return ninja ? R"({"detail":"Too many requests."})" : R"({"detail":"Request was throttled."})";
  }
  const std::string code = std::to_string(status);
  return "<html>\r\n<head><title>" + code + "</title></head>\r\n<body>\r\n<center><h1>" + code +
         "</h1></center>\r\n</body>\r\n</html>\r\n";
}

nlohmann::json logged_to_json(const LoggedRequest& entry) {
  return {{"method", entry.method},
          {"path", entry.path},
          {"query", entry.query},
          {"status", entry.status},
          {"duration_us", entry.duration.count()}};
}

}  // namespace

struct Emulator::Impl {
  explicit Impl(Options given)
      : options(std::move(given)), features(features_for(options)), faults(options.random_seed) {
    world.random.seed(options.random_seed);
  }

  Options options;
  Features features;
  mutable std::shared_mutex state_mutex;
  World world;
  FaultInjector faults;
  mutable std::mutex log_mutex;
  std::vector<LoggedRequest> log;
  httplib::Server server;
  std::thread thread;
  int port = 0;
  int listening = -1;  // the listening socket, noted before bind (Emulator::start)

  void record(const httplib::Request& request, int status, Clock::time_point start) {
    const auto query_start = request.target.find('?');
    LoggedRequest entry{
        request.method, request.path,
        query_start == std::string::npos ? "" : request.target.substr(query_start + 1), status,
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start)};
    const std::lock_guard lock(log_mutex);
    log.push_back(std::move(entry));
  }

  ApiResponse call_api(const httplib::Request& request) {
    ApiRequest api{request.method, request.path, request.target, request.get_header_value("Host"),
                   std::nullopt,   {},           request.body};
    if (api.host.empty()) api.host = options.host + ":" + std::to_string(port);
    api.base_url = "http://" + options.host + ":" + std::to_string(port);
    if (request.has_header("Authorization")) {
      api.authorization = request.get_header_value("Authorization");
    }
    for (const auto& [key, value] : request.params) api.query.emplace(key, value);
    Api handler(world, features, options.organization_creation_open);
    if (request.method == "GET" || request.method == "HEAD") {
      const std::shared_lock lock(state_mutex);
      return handler.handle(api);
    }
    const std::unique_lock lock(state_mutex);
    return handler.handle(api);
  }

  // The team or project that a create just made takes its slug + `suffix`, really (in the
  // state) and in the answer, as a server would that does not keep the slug asked for.
  void rename_created(const std::string& path, const std::string& suffix, ApiResponse& answer) {
    if (answer.status != 201) return;
    auto body = nlohmann::json::parse(answer.body, nullptr, false);
    if (!body.is_object() || !body.contains("slug") || !body["slug"].is_string()) return;
    static const std::regex created(
        R"(^/api/0/(?:organizations|teams)/([^/]+)/.*(teams|projects)/$)");
    std::smatch match;
    if (!std::regex_search(path, match, created)) return;
    const std::string slug = body["slug"].get<std::string>();
    const std::unique_lock lock(state_mutex);
    Organization* org = world.organization(match[1].str());
    if (org == nullptr) return;
    if (match[2] == "projects") {
      Project* project = world.project(*org, slug);
      if (project == nullptr) return;
      world.rename_project(*project, slug + suffix);
    } else {
      Team* team = world.team(*org, slug);
      if (team == nullptr) return;
      world.rename_team(*team, slug + suffix);
    }
    body["slug"] = slug + suffix;
    answer.body = body.dump();
  }

  void serve(const httplib::Request& request, httplib::Response& response) {
    const auto start = Clock::now();
    const auto fault = faults.fire(request.method, request.path);
    using Kind = FaultRule::Kind;
    if (fault && fault->rule.kind == Kind::latency) std::this_thread::sleep_for(fault->delay);
    if (fault && fault->rule.kind == Kind::status) {
      const bool json_body = fault->rule.status == 429;
      response.status = fault->rule.status;
      response.set_content(status_fault_body(fault->rule.status, features.ninja()),
                           json_body ? "application/json" : "text/html");
      if (fault->rule.retry_after_seconds) {
        response.set_header("Retry-After", std::to_string(*fault->rule.retry_after_seconds));
      }
      record(request, response.status, start);
      return;
    }
    if (fault && fault->rule.kind == Kind::drop_before_handling) {
      record(request, 0, start);  // before the drop, which the client may see at once
      drop_connection(request);
      return;
    }
    ApiResponse answer = call_api(request);
    if (fault && fault->rule.kind == Kind::rename_created) {
      rename_created(request.path, fault->rule.slug_suffix, answer);
    }
    if (fault && fault->rule.kind == Kind::drop_after_handling) {
      record(request, 0, start);  // before the drop, which the client may see at once
      drop_connection(request);
      return;
    }
    if (fault && fault->rule.kind == Kind::slow_response) std::this_thread::sleep_for(fault->delay);
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) response.set_header(name, value);
    if (answer.status != 204) {
      response.set_content(answer.body, answer.content_type);
    } else if (!answer.content_type.empty()) {
      response.set_header("Content-Type", answer.content_type);
    }
    record(request, answer.status, start);
  }

  void admin_json(httplib::Response& response, int status, const nlohmann::json& body) {
    response.status = status;
    response.set_content(body.dump(2), "application/json");
  }

  void admin_error(httplib::Response& response, const Errors& errors) {
    admin_json(response, 400, {{"error", errors.front().to_string()}});
  }

  void routes(Emulator& emulator) {
    server.Get("/_emulator/dump", [&](const httplib::Request&, httplib::Response& response) {
      admin_json(response, 200, emulator.dump());
    });
    server.Post("/_emulator/seed",
                [&](const httplib::Request& request, httplib::Response& response) {
                  const auto seed = nlohmann::json::parse(request.body, nullptr, false);
                  if (seed.is_discarded()) {
                    return admin_json(response, 400, {{"error", "the seed is not valid JSON"}});
                  }
                  const Status seeded = emulator.seed(seed);
                  if (!seeded.ok()) return admin_error(response, seeded.errors());
                  admin_json(response, 200, {{"seeded", true}});
                });
    server.Get("/_emulator/requests", [&](const httplib::Request&, httplib::Response& response) {
      nlohmann::json entries = nlohmann::json::array();
      for (const LoggedRequest& entry : emulator.requests())
        entries.push_back(logged_to_json(entry));
      admin_json(response, 200, entries);
    });
    server.Delete("/_emulator/requests", [&](const httplib::Request&, httplib::Response& response) {
      emulator.clear_requests();
      response.status = 204;
    });
    server.Post("/_emulator/faults",
                [&](const httplib::Request& request, httplib::Response& response) {
                  const auto body = nlohmann::json::parse(request.body, nullptr, false);
                  auto rule = fault_rule_from_json(body);
                  if (!rule.ok()) return admin_error(response, rule.errors());
                  const Status added = faults.add(*rule);
                  if (!added.ok()) return admin_error(response, added.errors());
                  admin_json(response, 201, {{"added", true}});
                });
    server.Delete("/_emulator/faults", [&](const httplib::Request&, httplib::Response& response) {
      emulator.clear_faults();
      response.status = 204;
    });
    server.Post("/_emulator/accept-invite", [&](const httplib::Request& request,
                                                httplib::Response& response) {
      const auto body = nlohmann::json::parse(request.body, nullptr, false);
      if (!body.is_object() || !body.value("organization", nlohmann::json()).is_string() ||
          !body.value("email", nlohmann::json()).is_string()) {
        return admin_json(response, 400,
                          {{"error", "send {\"organization\": \"<slug>\", \"email\": \"...\"}"}});
      }
      const Status accepted = emulator.accept_invite(body["organization"].get<std::string>(),
                                                     body["email"].get<std::string>());
      if (!accepted.ok()) return admin_error(response, accepted.errors());
      admin_json(response, 200, {{"accepted", true}});
    });
    const auto api = [this](const httplib::Request& request, httplib::Response& response) {
      serve(request, response);
    };
    server.Get(".*", api);
    server.Post(".*", api);
    server.Put(".*", api);
    server.Patch(".*", api);
    server.Delete(".*", api);
    server.Options(".*", api);
  }
};

Emulator::Emulator(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->routes(*this);
}

Emulator::~Emulator() {
  stop();
}

Status Emulator::seed(const nlohmann::json& seed) {
  const std::unique_lock lock(impl_->state_mutex);
  return seed_world(impl_->world, seed);
}

nlohmann::json Emulator::dump() const {
  const std::shared_lock lock(impl_->state_mutex);
  return dump_world(impl_->world);
}

Status Emulator::start() {
  if (impl_->thread.joinable()) return {};
  const int threads = std::max(1, impl_->options.threads);
  impl_->server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  impl_->server.set_keep_alive_max_count(100000);
  impl_->server.set_keep_alive_timeout(5);
  impl_->server.set_tcp_nodelay(true);  // no 40 ms Nagle stalls between header and body
  impl_->server.set_pre_routing_handler(offer_gzip_at_most);
  // Debian builds cpp-httplib as a shared library, so its listen(2) backlog of 5 is fixed in
  // the library (defining CPPHTTPLIB_LISTEN_BACKLOG here changes nothing). A burst of 16
  // connections overflowed it and clients waited for TCP's 1 s SYN retransmit (the -p 16
  // stall, docs/performance.md). The socket is noted before bind, and listen(2) is called
  // again after it with the backlog a server behind nginx has: Linux updates it in place.
  impl_->server.set_socket_options([impl = impl_.get()](socket_t sock) {
    httplib::default_socket_options(sock);
    impl->listening = sock;
  });
  const std::string& host = impl_->options.host;
  const int port =
      impl_->options.port == 0
          ? impl_->server.bind_to_any_port(host)
          : (impl_->server.bind_to_port(host, impl_->options.port) ? impl_->options.port : -1);
  if (port <= 0) {
    return Error{"glitchtip-emulator",
                 "cannot listen on " + host + ":" + std::to_string(impl_->options.port),
                 "choose another --port, or 0 for any free port"};
  }
  if (impl_->listening >= 0 && ::listen(impl_->listening, kListenBacklog) != 0) {
    return Error{"glitchtip-emulator",
                 "cannot set the listen backlog: " + std::string(std::strerror(errno)),
                 "report this: listen(2) failed on a socket that was listening"};
  }
  impl_->port = port;
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  while (!impl_->server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return {};
}

void Emulator::stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  impl_->thread.join();
}

uint16_t Emulator::port() const {
  return static_cast<uint16_t>(impl_->port);
}

std::string Emulator::base_url() const {
  return "http://" + impl_->options.host + ":" + std::to_string(impl_->port);
}

std::vector<LoggedRequest> Emulator::requests() const {
  const std::lock_guard lock(impl_->log_mutex);
  return impl_->log;
}

void Emulator::clear_requests() {
  const std::lock_guard lock(impl_->log_mutex);
  impl_->log.clear();
}

void Emulator::add_fault(FaultRule rule) {
  const Status added = impl_->faults.add(std::move(rule));
  (void)added;  // an invalid regex never matches; the admin endpoint reports it instead
}

void Emulator::clear_faults() {
  impl_->faults.clear();
}

Status Emulator::accept_invite(std::string_view organization_slug, std::string_view email) {
  const std::unique_lock lock(impl_->state_mutex);
  World& world = impl_->world;
  Organization* org = world.organization(organization_slug);
  if (org == nullptr) {
    return Error{"accept_invite",
                 "no organization with slug '" + std::string(organization_slug) + "'", ""};
  }
  for (const Id id : org->members) {
    Member& member = world.members.at(id);
    if (member.user || lower(member.email) != lower(email)) continue;
    const auto user = world.user_by_email.find(lower(email));
    const Id user_id =
        user != world.user_by_email.end() ? user->second : world.add_user(member.email, false).id;
    world.accept(member, user_id);
    return {};
  }
  return Error{"accept_invite",
               "no pending invitation for '" + std::string(email) + "' in '" +
                   std::string(organization_slug) + "'",
               "invite the address first"};
}

}  // namespace gg::emulator
