// Fuzzes the snapshot reader. The oracle: a snapshot that reads back is canonical, so
// writing it and reading that again gives the same snapshot and the same bytes.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "providers/snapshot/snapshot.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const gg::Result<gg::Snapshot> read = gg::snapshot_from_text(text, "fuzz.json");
  if (!read.ok()) return 0;
  const std::string written = gg::snapshot_text(read.value());
  const gg::Result<gg::Snapshot> again = gg::snapshot_from_text(written, "fuzz.json");
  if (!again.ok() || !(again.value() == read.value())) std::abort();
  if (gg::snapshot_text(again.value()) != written) std::abort();
  return 0;
}
