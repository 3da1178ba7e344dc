#include "providers/definitions/position_index.hpp"

#include <algorithm>
#include <functional>

namespace gg::definitions {

namespace {

uint64_t hash_of(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

bool by_hash(const std::pair<uint64_t, Position>& a, const std::pair<uint64_t, Position>& b) {
  return a.first < b.first;
}

}  // namespace

void PositionIndex::add(std::string_view key, Position position) {
  entries_.emplace_back(hash_of(key), position);
}

void PositionIndex::seal() {
  std::stable_sort(entries_.begin(), entries_.end(), by_hash);  // equal keys keep their order
}

std::optional<Position> PositionIndex::find(std::string_view key) const {
  const std::pair<uint64_t, Position> wanted{hash_of(key), Position{}};
  const auto found = std::lower_bound(entries_.begin(), entries_.end(), wanted, by_hash);
  if (found == entries_.end() || found->first != wanted.first) return std::nullopt;
  return found->second;
}

}  // namespace gg::definitions
