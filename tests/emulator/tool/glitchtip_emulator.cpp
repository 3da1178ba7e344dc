// glitchtip-emulator: serves the GlitchTip emulator until SIGINT or SIGTERM. Prints exactly
// one line, "glitchtip-emulator listening on http://HOST:PORT", once it accepts connections.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <iostream>

#include "tests/emulator/emulator.hpp"

namespace {

int fail(const gg::Errors& errors) {
  for (const gg::Error& error : errors) std::cerr << error.to_string() << "\n";
  return 1;
}

gg::Result<nlohmann::json> read_json(const std::string& path) {
  std::ifstream file(path);
  if (!file) return gg::Error{path, "cannot be read", "check the --seed path"};
  try {
    return nlohmann::json::parse(file);
  } catch (const nlohmann::json::parse_error& error) {
    return gg::Error{path, std::string("is not valid JSON: ") + error.what(), ""};
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"An emulator of GlitchTip's management API, for tests and benchmarks"};
  gg::emulator::Options options;
  std::string flavour = "drf";
  std::string seed_path;
  std::string dump_path;
  int port = 0;
  int latency_ms = 0;
  int jitter_ms = 0;
  app.add_option("--port", port, "TCP port; 0 picks a free one")->check(CLI::Range(0, 65535));
  app.add_option("--host", options.host, "address to listen on")->capture_default_str();
  app.add_option("--flavour", flavour, "API generation: drf (<= 4.0.9) or ninja (>= 4.1)")
      ->check(CLI::IsMember({"drf", "ninja"}))
      ->capture_default_str();
  app.add_option("--version", options.version,
                 "emulated GlitchTip version (default 2.0.5 for drf, 5.1.1 for ninja)");
  app.add_option("--seed", seed_path, "JSON file with the initial state")->check(CLI::ExistingFile);
  app.add_option("--dump-on-exit", dump_path, "write the state as JSON here on SIGINT/SIGTERM");
  app.add_option("--threads", options.threads, "worker threads")->capture_default_str();
  app.add_option("--latency-ms", latency_ms, "added to every API response");
  app.add_option("--jitter-ms", jitter_ms, "random extra latency, up to this much");
  app.add_option("--random-seed", options.random_seed, "for random slugs and fault rates");
  CLI11_PARSE(app, argc, argv);

  options.port = static_cast<uint16_t>(port);
  options.flavour = flavour == "ninja" ? gg::emulator::Flavour::ninja : gg::emulator::Flavour::drf;

  // Block the stop signals before any thread starts, so that only sigwait() receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  gg::emulator::Emulator emulator(options);
  if (!seed_path.empty()) {
    auto seed = read_json(seed_path);
    if (!seed.ok()) return fail(seed.errors());
    if (const gg::Status seeded = emulator.seed(*seed); !seeded.ok()) return fail(seeded.errors());
  }
  if (latency_ms > 0 || jitter_ms > 0) {
    gg::emulator::FaultRule latency;
    latency.kind = gg::emulator::FaultRule::Kind::latency;
    latency.path_regex = "^/api/";
    latency.latency = std::chrono::milliseconds(latency_ms);
    latency.jitter = std::chrono::milliseconds(jitter_ms);
    emulator.add_fault(latency);
  }
  if (const gg::Status started = emulator.start(); !started.ok()) return fail(started.errors());
  std::cout << "glitchtip-emulator listening on " << emulator.base_url() << std::endl;

  int received = 0;
  sigwait(&stop_signals, &received);
  if (!dump_path.empty()) {
    std::ofstream out(dump_path);
    out << emulator.dump().dump(2) << "\n";
    if (!out) std::cerr << dump_path << ": cannot write the dump\n";
  }
  emulator.stop();
  return 0;
}
