# Precompiled headers (GG_PCH=ON, which tests/run.sh uses): the third-party headers that
# nearly every file includes are parsed once a target instead of once a file. nlohmann/json
# and <ranges> are in 80% of the files, GoogleTest and GoogleMock in every test; the rest
# (yaml-cpp, valijson, httplib, libcurl) are in one to four files each, where a precompiled
# header would cost more than it saves. Included last, once every target exists.
#
# A header that a file forgets to include still compiles here: the builds without GG_PCH
# (Release, examples, benchmarks) are the ones that catch it.

set(GG_PCH_COMMON <string> <vector> <map> <optional> <filesystem> <ranges> <nlohmann/json.hpp>)

function(gg_precompile_headers target)
  if(TARGET ${target})
    target_precompile_headers(${target} PRIVATE ${GG_PCH_COMMON} ${ARGN})
  endif()
endfunction()

foreach(library gg_planner gg_definitions gg_snapshot gg_glitchtip gg_emulator)
  gg_precompile_headers(${library})
endforeach()
gg_precompile_headers(glitchtip-gitops <CLI/CLI.hpp>)

get_property(GG_TEST_SUITES GLOBAL PROPERTY GG_TEST_SUITES)
foreach(suite ${GG_TEST_SUITES})
  gg_precompile_headers(${suite} <gtest/gtest.h> <gmock/gmock.h>)
endforeach()
