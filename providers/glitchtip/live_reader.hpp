#pragma once
// LiveReader reads what the planner needs from one GlitchTip instance: its organizations
// and, for each, teams (with members), projects (with teams), members and uptime monitors.
// Requests that do not depend on each other are in flight together: the organization list
// first, then for every organization its team, project, member and monitor lists, and for every
// team its member list as soon as the team is known, so a whole instance takes three round trips
// plus one per extra page. Pages are followed through the Link header (limit=100), bounded in
// number, and a page seen twice stops the read with an error.
//
// The result is deterministic (maps by slug and e-mail, sorted lists) whatever order the
// answers come in. The automation user is left out of organization and team members.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "planner/result.hpp"
#include "planner/state.hpp"
#include "providers/glitchtip/http_client.hpp"

namespace gg::glitchtip {

// How far a read has got, for a progress display. Reported from the client's loop thread.
struct Progress {
  int organizations_total = 0;  // known so far
  int organizations_read = 0;   // every list of it complete
  uint64_t requests_done = 0;
};

struct ReadOptions {
  std::chrono::milliseconds timeout{30000};
  int max_pages = 10000;  // per list
  int page_size = 100;
  std::function<void(const Progress&)> on_progress;
  // Called for every organization member as GlitchTip spells the address (the model keeps
  // it lower-case), automation user included; from the client's loop thread. For import.
  std::function<void(const std::string& organization, const std::string& email)> on_member_email;
};

// What one read found besides the organizations.
struct ReadFacts {
  std::optional<ApiGeneration> generation;  // from GET /api/0/ or the organizations' id types
  bool projects_carry_throttle_rate = false;
  bool saw_projects = false;
};

class LiveReader {
 public:
  LiveReader(std::string instance, InstanceSettings settings, HttpClient& client,
             ReadOptions options);

  // Every organization the automation user belongs to. With `detect_generation`, also asks
  // GET /api/0/ (in parallel) which API generation the server speaks.
  Result<Instance> read_all(bool detect_generation, ReadFacts* facts);

  // Only the organizations with these slugs (one parallel batch); a slug that GlitchTip
  // does not know (404) is simply absent from the result.
  Result<Instance> read_some(const std::vector<std::string>& slugs, ReadFacts* facts);

 private:
  std::string instance_;
  InstanceSettings settings_;
  HttpClient& client_;
  ReadOptions options_;
};

// The members of one organization by lower-case e-mail (automation user included), all
// pages; for apply's member id lookups.
Result<std::vector<Member>> read_members(const std::string& instance, HttpClient& client,
                                         const std::string& organization_slug,
                                         std::chrono::milliseconds timeout);

// Every item of a list endpoint, all pages, in the order GlitchTip sent them.
Result<std::vector<nlohmann::json>> read_list(const std::string& instance, HttpClient& client,
                                              const std::string& path,
                                              std::chrono::milliseconds timeout);

}  // namespace gg::glitchtip
