// What the YAML scanner alone costs: every *.yaml file under DIR parsed to events, once with
// yaml-cpp's parser (the one glitchtip-gitops uses, providers/definitions/yaml_document.cpp)
// and once with libyaml's, handlers doing nothing. Both must see the same number of scalar
// and collection events. One thread, best of RUNS; prints a Markdown table row. It measures
// what a faster scanner would take off `plan --offline` (docs/performance.md); the tool
// itself does not link libyaml.
//
//   yaml_scanners DIR [RUNS]
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Counts scalars (nulls included) and collection starts: what the tool's builder receives.
class CountingHandler : public YAML::EventHandler {
 public:
  size_t events = 0;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {
    ++events;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override {}
};

size_t yaml_cpp_events(const std::string& text) {
  std::istringstream input(text);
  YAML::Parser parser(input);
  CountingHandler handler;
  while (parser.HandleNextDocument(handler)) {
  }
  return handler.events;
}

size_t libyaml_events(const std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  size_t events = 0;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      std::cerr << "libyaml: " << (parser.problem != nullptr ? parser.problem : "error") << "\n";
      break;
    }
    switch (event.type) {
      case YAML_SCALAR_EVENT:
      case YAML_ALIAS_EVENT:
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT:
        ++events;
        break;
      default:
        break;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  return events;
}

struct Timing {
  double best_seconds = 1e9;
  size_t events = 0;
};

Timing time_parser(const std::vector<std::string>& texts, int runs,
                   const std::function<size_t(const std::string&)>& parse) {
  Timing timing;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    size_t events = 0;
    for (const std::string& text : texts) events += parse(text);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    timing.best_seconds = std::min(timing.best_seconds, took.count());
    timing.events = events;
  }
  return timing;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: yaml_scanners DIR [RUNS]\n";
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    std::ifstream file(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    texts.push_back(text.str());
    bytes += texts.back().size();
  }
  const Timing yaml_cpp = time_parser(texts, runs, yaml_cpp_events);
  const Timing libyaml = time_parser(texts, runs, libyaml_events);
  if (yaml_cpp.events != libyaml.events) {
    std::cerr << "the parsers disagree: " << yaml_cpp.events << " against " << libyaml.events
              << " events\n";
    return 1;
  }
  std::printf("| files | MB | events | yaml-cpp s | libyaml s | yaml-cpp / libyaml |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  std::printf("| %zu | %.1f | %zu | %.3f | %.3f | %.1f |\n", texts.size(), bytes / 1e6,
              yaml_cpp.events, yaml_cpp.best_seconds, libyaml.best_seconds,
              yaml_cpp.best_seconds / libyaml.best_seconds);
  return 0;
}
