// Micro benchmarks of the planner's hot parts on generated states shaped like
// tests/bench/generate.py's instances (20 teams, 40 projects and 200 members an
// organization, each member in 2 or 3 teams): make_plan in steady state and from nothing,
// the plan file's canonical JSON and SHA-256, and rendering a plan of about 10,000 actions in
// each format.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "planner/canonical_json.hpp"
#include "planner/plan_file.hpp"
#include "planner/planner.hpp"
#include "planner/render_json.hpp"
#include "planner/render_markdown.hpp"
#include "planner/render_text.hpp"
#include "planner/state.hpp"

namespace {

std::string padded(int n, int width) {
  std::string text = std::to_string(n);
  return std::string(width - std::min<int>(width, text.size()), '0') + text;
}

gg::Organization organization(int o, bool with_ids) {
  gg::Organization org;
  org.name = "Org " + padded(o, 3);
  org.slug = "org-" + padded(o, 3);
  if (with_ids) org.id = std::to_string(o + 1);
  constexpr int teams = 20, projects = 40, members = 200;
  for (int t = 0; t < teams; ++t) org.teams["team-" + padded(t, 2)].slug = "team-" + padded(t, 2);
  for (int m = 0; m < members; ++m) {
    gg::Member member;
    member.email = "user-" + padded(o, 3) + "-" + padded(m, 4) + "@bench.example";
    member.role = m % 10 == 0 ? gg::Role::admin : gg::Role::member;
    if (with_ids) member.id = std::to_string(o * 1000 + m);
    for (int k = 0; k < 2 + m % 2; ++k)
      org.teams["team-" + padded((m + k * 7) % teams, 2)].members.push_back(member.email);
    org.members[member.email] = member;
  }
  for (auto& [slug, team] : org.teams) {
    std::sort(team.members.begin(), team.members.end());
    team.members.erase(std::unique(team.members.begin(), team.members.end()), team.members.end());
    if (with_ids) team.id = std::to_string(o * 100 + std::stoi(slug.substr(5)));
  }
  for (int p = 0; p < projects; ++p) {
    gg::Project project;
    project.slug = "project-" + padded(o, 3) + "-" + padded(p, 2);
    project.name = "Project " + padded(o, 3) + " " + padded(p, 2);
    project.platform = "python";
    if (with_ids) project.id = std::to_string(o * 100 + p);
    project.teams.push_back("team-" + padded(p % teams, 2));
    if (p % 2 == 1) project.teams.push_back("team-" + padded((p + 1) % teams, 2));
    if (with_ids) std::sort(project.teams.begin(), project.teams.end());
    org.projects[project.slug] = project;
  }
  return org;
}

// desired: keyed by name, no ids; recorded and live: keyed by slug, with ids.
gg::State state(int organizations, bool desired) {
  gg::Instance instance;
  instance.name = "bench";
  instance.settings.url = "http://127.0.0.1:8000";
  instance.settings.token.name = "GLITCHTIP_BENCH_TOKEN";
  instance.settings.automation_user_email = "bot@bench.example";
  instance.settings.mail_domain = "bench.example";
  for (int o = 0; o < organizations; ++o) {
    gg::Organization org = organization(o, !desired);
    const std::string key = desired ? org.name : org.slug;
    instance.organizations[key] = std::move(org);
  }
  gg::State result;
  result.instances["bench"] = std::move(instance);
  return result;
}

gg::State live(gg::State state) {
  for (auto& [name, instance] : state.instances) instance.capabilities = gg::Capabilities{};
  return state;
}

gg::State empty_live() {
  gg::State result = state(0, false);
  return live(result);
}

// A plan that creates `organizations` organizations: about 760 actions each.
gg::Plan creation_plan(int organizations) {
  gg::Result<gg::Plan> plan =
      gg::make_plan(state(organizations, true), gg::State{}, empty_live(), {});
  return plan.ok() ? gg::seal_plan(std::move(*plan)) : gg::Plan{};
}

void BM_MakePlanSteadyState(benchmark::State& bench) {
  const int organizations = static_cast<int>(bench.range(0));
  const gg::State desired = state(organizations, true);
  const gg::State recorded = state(organizations, false);
  const gg::State now = live(recorded);
  for (auto _ : bench) {
    gg::Result<gg::Plan> plan = gg::make_plan(desired, recorded, now, {});
    if (!plan.ok()) {
      bench.SkipWithError(plan.error().to_string().c_str());
      break;
    }
    benchmark::DoNotOptimize(plan->actions.size());
  }
  bench.counters["objects"] = organizations * 761.0;
}
BENCHMARK(BM_MakePlanSteadyState)->Arg(13)->Arg(130)->Unit(benchmark::kMillisecond);

void BM_MakePlanCreateEverything(benchmark::State& bench) {
  const gg::State desired = state(static_cast<int>(bench.range(0)), true);
  const gg::State empty = empty_live();
  std::size_t actions = 0;
  for (auto _ : bench) {
    gg::Result<gg::Plan> plan = gg::make_plan(desired, gg::State{}, empty, {});
    if (!plan.ok()) {
      bench.SkipWithError(plan.error().to_string().c_str());
      break;
    }
    actions = plan->actions.size();
  }
  bench.counters["actions"] = static_cast<double>(actions);
}
BENCHMARK(BM_MakePlanCreateEverything)->Arg(13)->Unit(benchmark::kMillisecond);

void BM_PlanSha256(benchmark::State& bench) {
  const gg::Plan plan = creation_plan(13);
  for (auto _ : bench) benchmark::DoNotOptimize(gg::compute_plan_sha256(plan));
  bench.counters["actions"] = static_cast<double>(plan.actions.size());
}
BENCHMARK(BM_PlanSha256)->Unit(benchmark::kMillisecond);

void BM_CanonicalJson(benchmark::State& bench) {
  const nlohmann::json document = gg::plan_to_json(creation_plan(13));
  std::size_t bytes = 0;
  for (auto _ : bench) bytes = gg::canonical_json(document).size();
  bench.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_CanonicalJson)->Unit(benchmark::kMillisecond);

void BM_RenderText(benchmark::State& bench) {
  const gg::Plan plan = creation_plan(13);
  for (auto _ : bench) benchmark::DoNotOptimize(gg::render_text(plan).size());
  bench.counters["actions"] = static_cast<double>(plan.actions.size());
}
BENCHMARK(BM_RenderText)->Unit(benchmark::kMillisecond);

void BM_RenderMarkdown(benchmark::State& bench) {
  const gg::Plan plan = creation_plan(13);
  for (auto _ : bench) benchmark::DoNotOptimize(gg::render_markdown(plan).size());
  bench.counters["actions"] = static_cast<double>(plan.actions.size());
}
BENCHMARK(BM_RenderMarkdown)->Unit(benchmark::kMillisecond);

void BM_RenderJson(benchmark::State& bench) {
  const gg::Plan plan = creation_plan(13);
  for (auto _ : bench) benchmark::DoNotOptimize(gg::render_json(plan).size());
  bench.counters["actions"] = static_cast<double>(plan.actions.size());
}
BENCHMARK(BM_RenderJson)->Unit(benchmark::kMillisecond);

}  // namespace
