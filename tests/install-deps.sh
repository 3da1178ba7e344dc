#!/usr/bin/env bash
# Installs what glitchtip-gitops needs, if any of it is missing:
#   tests/install-deps.sh [PACKAGE...]          everything the tests need (tests/run.sh,
#                                               .ci/run): the build packages, the test
#                                               servers and tools, and the pinned npm packages
#                                               of tests/render (into build-deps/node/) and
#                                               tests/ci (into tests/ci/node_modules/)
#   tests/install-deps.sh --build [PACKAGE...]  only what building the tool and the emulator
#                                               needs (examples/run.sh, building from source)
# Extra Debian PACKAGEs given are installed too.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=1
if [ "${1:-}" = --build ]; then
  for_tests=0
  shift
fi

packages=(
  cmake g++ make pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libcurl4-openssl-dev libcli11-dev librange-v3-dev
  libvalijson-dev libssl-dev libutf8proc-dev libpq-dev
  libcpp-httplib-dev  # the emulator
  dpkg-dev file       # cpack's Debian package: dpkg-shlibdeps computes Depends
)
if [ "$for_tests" = 1 ]; then
  packages+=(
    libgtest-dev libgmock-dev libbenchmark-dev
    postgresql  # the throwaway server of the PostgreSQL snapshot tests (tests/support/postgres.sh)
    python3     # the benchmark smoke test and generator, the stub APIs of tests/ci
    # tests/render: GitHub's Markdown renderer, and a browser (with a font) for Mermaid
    cmark-gfm chromium fonts-dejavu-core
    yamllint jq curl    # tests/ci/pipelines_test.sh
  )
  # Node.js and npm drive the browser; a node from elsewhere (e.g. NodeSource) is kept.
  command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
fi
# What tests/ci/pipelines_test.sh needs from npm, pinned: GitHub's workflow schema checker.
ci_npm_packages=(@action-validator/cli@0.6.0 @action-validator/core@0.6.0)
install_ci_npm() {
  [ "$for_tests" = 1 ] || return 0
  [ -x tests/ci/node_modules/.bin/action-validator ] && return 0
  echo "Installing (npm): ${ci_npm_packages[*]}" >&2
  (cd tests/ci && npm install --no-save --no-audit --no-fund --loglevel=error \
    "${ci_npm_packages[@]}" >&2)
}
if [ "$#" -gt 0 ]; then packages+=("$@"); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The npm packages, exactly as locked; again only when package.json or the lock changed.
install_node_packages() {
  local target=build-deps/node
  [ "$for_tests" = 1 ] || return 0
  if cmp -s tests/render/package-lock.json "$target/package-lock.json" &&
    [ -d "$target/node_modules/mermaid" ] && [ -d "$target/node_modules/puppeteer-core" ]; then
    return 0
  fi
  echo "Installing the npm packages of tests/render into $target" >&2
  mkdir -p "$target"
  cp tests/render/package.json tests/render/package-lock.json "$target/"
  # puppeteer-core never downloads a browser; the tests use Debian's chromium.
  npm ci --prefix "$target" --no-audit --no-fund --loglevel=error >&2
}

if [ "${#missing[@]}" -eq 0 ]; then
  install_node_packages
  install_ci_npm
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "These Debian packages are missing: ${missing[*]}" >&2
    echo "Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
echo "Installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
install_node_packages
install_ci_npm
