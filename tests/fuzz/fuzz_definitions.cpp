// Fuzzes the definitions loader with a whole file: the input is written as the only
// definitions file of a directory and loaded (YAML, schema, references, identities). The
// oracle is the sanitizers and the contract that a failure carries errors naming the file.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "providers/definitions/definitions.hpp"

namespace {

std::filesystem::path make_directory() {
  auto directory = std::filesystem::temp_directory_path() /
                   ("gg-fuzz-definitions-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  return directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path directory = make_directory();
  {
    std::ofstream file(directory / "fuzz.yaml", std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const gg::Result<gg::Definitions> loaded = gg::load_definitions(directory);
  if (!loaded.ok()) {
    if (loaded.errors().empty()) std::abort();
    for (const auto& error : loaded.errors()) {
      if (error.message.empty()) std::abort();
    }
  }
  return 0;
}
