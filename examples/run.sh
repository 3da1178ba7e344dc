#!/usr/bin/env bash
# Runs the main job on the bundled example: builds glitchtip-gitops, starts the bundled
# GlitchTip emulator (an empty GlitchTip with only the automation user), then
#   validate -> plan (everything to create) -> apply -> plan again (no changes).
# Installs missing Debian packages first. Leaves its files in a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash tests/install-deps.sh --build
# Only the tool and the emulator, each compiled as a few unity files, and no test code: a
# first build takes half the time it did (README.md, "Install").
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DGG_TESTS=OFF -DGG_EMULATOR=ON -DGG_UNITY=ON \
  >/dev/null
cmake --build build -j "$(nproc)" --target glitchtip-gitops glitchtip-emulator
tool="$root/build/glitchtip-gitops"

work=$(mktemp -d)
echo "Working in $work"
cd "$work"

# The emulator's test token for the automation user; a real instance reads its token from
# the environment variable the Instance names (here GLITCHTIP_DEV_TOKEN).
token=9de9ac5e2554ea472e1012ce8565dcdfb1e6d9024fe964f894584740b681ce97
cat > empty-glitchtip.json <<JSON
{"users": [{"email": "sd-app-sre+glitchtip@nasa.com", "test_token": "$token"}],
 "organizations": []}
JSON

"$root/build/glitchtip-emulator" --port 0 --flavour drf --seed empty-glitchtip.json \
  > emulator.out 2> emulator.log &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" emulator.out 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^glitchtip-emulator listening on //p' emulator.out)
[ -n "$url" ] || { echo "the emulator did not start:" >&2; cat emulator.log >&2; exit 1; }
echo "GlitchTip emulator at $url"

# The example's definitions, pointed at the emulator.
cp -r "$root/examples/space-agencies" definitions
rm -f definitions/live.json
sed -i "s|^url: .*|url: $url|" definitions/instance.yaml
export GLITCHTIP_DEV_TOKEN=$token
# The Slack webhook of the Apollo 11 Spacecraft alert: a secret, given to plan and apply in a
# variable (here a fake one; the emulator sends nothing). Plans and the snapshot hold only
# its digest.
export NASA_SLACK_WEBHOOK=https://hooks.slack.example/services/T00000000/B00000000/example-not-a-secret
export GLITCHTIP_GITOPS_SNAPSHOT=$work/glitchtip-gitops.snapshot.json

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step glitchtip-gitops validate -d definitions
"$tool" validate -d definitions

step glitchtip-gitops plan -d definitions --out plan.json
"$tool" plan -d definitions --out plan.json

step glitchtip-gitops apply plan.json
"$tool" apply plan.json

step glitchtip-gitops plan -d definitions --detailed-exitcode
"$tool" plan -d definitions --detailed-exitcode

step glitchtip-gitops state list
"$tool" state list

step glitchtip-gitops dsn -d definitions --format env
"$tool" dsn -d definitions --format env

echo
echo "Done. The plan file, the snapshot and the Markdown of the first plan are in $work:"
"$tool" show plan.json --format markdown > plan.md
ls "$work"
