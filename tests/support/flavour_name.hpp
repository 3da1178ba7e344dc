#pragma once
// Names the API generation in the names of tests parameterised by it (".../drf",
// ".../ninja"): INSTANTIATE_TEST_SUITE_P(BothApis, Suite, ..., gg::testing::flavour_name).

#include <gtest/gtest.h>

#include <string>

#include "tests/emulator/emulator.hpp"

namespace gg::testing {

inline std::string flavour_name(const ::testing::TestParamInfo<emulator::Flavour>& info) {
  return info.param == emulator::Flavour::drf ? "drf" : "ninja";
}

}  // namespace gg::testing
