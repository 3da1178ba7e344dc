// How long load_definitions takes on a large, valid tree: one instance, 10 organizations,
// 2,000 teams, 2,000 projects, 1,000 roles and 5,000 users (10,011 objects), one object a
// file, written once to a temporary directory.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "providers/definitions/definitions.hpp"

namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << content;
}

fs::path write_large_tree() {
  fs::path root = fs::temp_directory_path() / ("gg-bench-defs-" + std::to_string(::getpid()));
  write(root / "instance.yaml",
        "kind: Instance\nname: bench\nurl: http://localhost:8000\ntoken: {env: TOKEN}\n"
        "automationUserEmail: bot@example.com\nmailDomain: example.com\n");
  for (int o = 0; o < 10; ++o) {
    const std::string org = "Org " + std::to_string(o);
    const std::string dir = "org-" + std::to_string(o);
    write(root / dir / "organization.yaml",
          "kind: Organization\nname: " + org + "\ninstance: bench\n");
    for (int t = 0; t < 200; ++t) {
      const std::string team = "team-" + std::to_string(t);
      write(root / dir / "teams" / (team + ".yaml"),
            "kind: Team\nname: " + team + "\norganization: " + org + "\n");
      write(root / dir / "projects" / ("project-" + std::to_string(t) + ".yaml"),
            "kind: Project\nname: Project " + std::to_string(t) + "\norganization: " + org +
                "\nplatform: python\nteams: [" + team + ", team-" + std::to_string((t + 1) % 200) +
                "]\n");
    }
    for (int r = 0; r < 100; ++r) {
      write(root / dir / "roles" / ("role-" + std::to_string(r) + ".yaml"),
            "kind: Role\nname: " + dir + "-role-" + std::to_string(r) +
                "\norganizations:\n  - {name: " + org + ", role: " + (r % 10 ? "member" : "admin") +
                "}\nteams:\n  - {organization: " + org + ", name: team-" + std::to_string(r * 2) +
                "}\n  - {organization: " + org + ", name: team-" + std::to_string(r * 2 + 1) +
                "}\n");
    }
    for (int u = 0; u < 500; ++u) {
      const std::string user = "user-" + std::to_string(o) + "-" + std::to_string(u);
      write(root / dir / "users" / (user + ".yaml"), "kind: User\nemail: " + user +
                                                         "@example.com\nroles: [" + dir + "-role-" +
                                                         std::to_string(u % 100) + "]\n");
    }
  }
  return root;
}

void BM_LoadDefinitions10000Objects(benchmark::State& state) {
  static const fs::path root = write_large_tree();
  for (auto _ : state) {
    const gg::Result<gg::Definitions> result = gg::load_definitions(root);
    if (!result.ok()) {
      state.SkipWithError(result.error().to_string().c_str());
      break;
    }
    benchmark::DoNotOptimize(result->sha256);
  }
  state.counters["documents"] = 10011;
}
BENCHMARK(BM_LoadDefinitions10000Objects)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
