# Every dependency is a Debian package. A missing one stops configure with the
# package to install, so nobody has to guess.
find_package(PkgConfig QUIET)

macro(gg_require found what package)
  if(NOT ${found})
    message(FATAL_ERROR "${what} not found. Install it with: sudo apt-get install ${package}")
  endif()
endmacro()

find_package(nlohmann_json 3 QUIET)
gg_require(nlohmann_json_FOUND "nlohmann/json" nlohmann-json3-dev)

find_package(yaml-cpp QUIET)
gg_require(yaml-cpp_FOUND "yaml-cpp" libyaml-cpp-dev)

find_package(CURL QUIET)
gg_require(CURL_FOUND "libcurl" libcurl4-openssl-dev)

find_package(OpenSSL QUIET)
gg_require(OPENSSL_FOUND "OpenSSL" libssl-dev)

find_package(CLI11 QUIET)
gg_require(CLI11_FOUND "CLI11" libcli11-dev)

find_package(range-v3 QUIET)
gg_require(range-v3_FOUND "range-v3" librange-v3-dev)

find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp)
gg_require(VALIJSON_INCLUDE_DIR "valijson" libvalijson-dev)

find_path(UTF8PROC_INCLUDE_DIR utf8proc.h)
find_library(UTF8PROC_LIBRARY utf8proc)
if(NOT UTF8PROC_INCLUDE_DIR OR NOT UTF8PROC_LIBRARY)
  message(FATAL_ERROR "utf8proc not found. Install it with: sudo apt-get install libutf8proc-dev")
endif()

find_package(PostgreSQL QUIET)
gg_require(PostgreSQL_FOUND "libpq (the PostgreSQL client library)" libpq-dev)

find_package(Threads REQUIRED)

if(GG_TESTS)
  find_package(GTest QUIET)
  gg_require(GTest_FOUND "GoogleTest" "libgtest-dev libgmock-dev")
endif()
if(GG_TESTS OR GG_EMULATOR)
  find_path(HTTPLIB_INCLUDE_DIR httplib.h)
  gg_require(HTTPLIB_INCLUDE_DIR "cpp-httplib" libcpp-httplib-dev)
endif()

if(GG_BENCH)
  find_package(benchmark QUIET)
  gg_require(benchmark_FOUND "Google Benchmark" libbenchmark-dev)
endif()
