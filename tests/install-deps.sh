#!/usr/bin/env bash
# Installs the Debian packages glitchtip-gitops needs to build and test, if any is missing.
# Used by tests/run.sh, examples/run.sh and .ci/run.
set -euo pipefail

packages=(
  cmake g++ make pkg-config
  libyaml-cpp-dev nlohmann-json3-dev libcurl4-openssl-dev libcli11-dev librange-v3-dev
  libgtest-dev libgmock-dev libvalijson-dev libssl-dev libutf8proc-dev libcpp-httplib-dev
  libbenchmark-dev
  python3  # the benchmark smoke test and generator
)
if [ "$#" -gt 0 ]; then packages+=("$@"); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

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
