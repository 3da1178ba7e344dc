#!/usr/bin/env bash
# package_test.sh [BUILD_DIR]: builds the Debian package as a user would (a Release tree of
# just the tool, `cpack -G DEB`), unpacks it into a throwaway root with `dpkg -x`, and checks
#   - Depends names runtime packages only: no -dev package, and every library the binary
#     links (its DT_NEEDED entries) comes from a package Depends names;
#   - the unpacked binary runs: `version`, and `validate` of examples/space-agencies;
#   - the schemas are installed, and are what `schema` prints; the --help texts and the CI
#     scripts are installed.
# BUILD_DIR defaults to build-package/. GG_PACKAGE_DEB=FILE checks FILE instead of building.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=${1:-build-package}

failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failures=$((failures + 1)); fi
}

if [ -n "${GG_PACKAGE_DEB:-}" ]; then
  deb=$GG_PACKAGE_DEB  # checks a package built before, e.g. from a development tree
else
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DGG_TESTS=OFF -DGG_UNITY=ON > /dev/null
  cmake --build "$build" -j "$(nproc)"
  rm -rf "$build/deb"
  (cd "$build" && cpack -G DEB -B "$root/$build/deb" > /dev/null)
  deb=$(ls "$build"/deb/glitchtip-gitops_*.deb)
fi
echo "built $deb ($(du -k "$deb" | cut -f1) kB)"

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
packages=$(tr ',|' '\n\n' <<< "$depends" | sed 's/^ *//; s/[ (].*//; s/:.*//')
check "Depends names no -dev package" bash -c "! grep -q -- '-dev\$' <<< '$packages'"
for library in libyaml-cpp libcurl libssl libutf8proc libpq; do
  check "Depends names the package of $library" grep -q "^$library" <<< "$packages"
done

unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
dpkg -x "$deb" "$unpacked"
tool=$unpacked/usr/bin/glitchtip-gitops

# Every library the binary needs, by the package that ships it here, is in Depends.
for needed in $(readelf -d "$tool" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  # awk reads all of ldconfig's output: exiting early would kill ldconfig with SIGPIPE, and
  # pipefail would then end this script.
  path=$(ldconfig -p | awk -v lib="$needed" '$1 == lib && /x86-64|x86_64/ && !found { print $NF; found = 1 }')
  owner=
  for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  check "$needed (from ${owner:-no package}) is in Depends" grep -qx "${owner:-none}" <<< "$packages"
done

check "the unpacked binary runs: version" \
  bash -c "[ \"\$('$tool' version)\" = 'glitchtip-gitops $(sed -n 's/^project(glitchtip-gitops VERSION \([^ ]*\).*/\1/p' CMakeLists.txt)' ]"
check "the unpacked binary validates the example" "$tool" validate -d examples/space-agencies

schemas=$unpacked/usr/share/glitchtip-gitops/schemas
check "every schema is installed" [ "$(ls "$schemas" | wc -l)" = "$(($(ls schemas/*.schema.json | wc -l) + 1))" ]
for file in "$schemas"/*.schema.json; do
  kind=$(basename "$file" .schema.json)
  check "the installed $kind schema is what 'schema $kind' prints" \
    bash -c "'$tool' schema '$kind' | cmp -s - '$file'"
done
help=$unpacked/usr/share/doc/glitchtip-gitops/help
check "the --help texts are installed" grep -q -- "--detailed-exitcode" "$help/glitchtip-gitops-plan.txt"
check "the help texts are the binary's" bash -c "'$tool' apply --help | cmp -s - '$help/glitchtip-gitops-apply.txt'"
check "the CI scripts are installed, executable" test -x "$unpacked/usr/share/glitchtip-gitops/ci/gitlab-note.sh"

[ "$failures" -eq 0 ] || { echo "$failures package checks failed" >&2; exit 1; }
echo "The package installs and runs."
