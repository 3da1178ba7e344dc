#!/usr/bin/env bash
# Two builds of glitchtip-gitops must say the same thing: `validate` and `plan --offline` of
# BASE and NEW (paths to the binaries) on broken definitions (bad e-mails, slugs, URLs, token
# variable names, repeated roles and teams), on the fuzz corpora and on broken snapshots give
# the same output and exit code. For changes meant to be faster only.
#
#   tests/bench/same_output.sh BASE NEW      (SHOW=1: print the first lines of each answer)
set -u
base=$1 new=$2 src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fails=0 n=0
compare() {  # name, dir args...
  local name=$1; shift
  "$base" "$@" >"$work/b.out" 2>&1; local rb=$?
  "$new" "$@" >"$work/n.out" 2>&1; local rn=$?
  n=$((n+1))
  sed -i "s/made [0-9TZ:-]*/made TIME/" "$work/b.out" "$work/n.out"; [ -n "${SHOW:-}" ] && { echo "== $name: exit $rn"; head -3 "$work/n.out"; }
  if [ $rb != $rn ] || ! cmp -s "$work/b.out" "$work/n.out"; then
    echo "DIFFERENT: $name (exit $rb vs $rn)"; diff "$work/b.out" "$work/n.out" | head -10; fails=$((fails+1))
  fi
}
case_dir() {  # file sed-expression
  rm -rf "$work/d"; cp -r $src/examples/space-agencies "$work/d"; sed -i "$2" "$work/d/$1"
  compare "$1: $2" validate -d "$work/d"
}
case_dir users/neil-armstrong.yaml 's/email: .*/email: NeilArmstrong at nasa.com/'
case_dir users/neil-armstrong.yaml 's/roles: .*/roles: [nasa-pilots, nasa-pilots, x, x]/'
case_dir users/neil-armstrong.yaml 's/email: .*/username: neil@armstrong/'
case_dir instance.yaml 's|url: .*|url: ftp://x y|'
case_dir instance.yaml 's|url: .*|url: "https://a b/"|'
case_dir instance.yaml 's|GLITCHTIP_DEV_TOKEN|1BAD-NAME|'
case_dir instance.yaml 's|mailDomain: .*|mailDomain: nasa|'
case_dir instance.yaml 's|name: .*|name: Glitchtip_Dev|'
case_dir instance.yaml 's|automationUserEmail: .*|automationUserEmail: "a @b.c"|'
case_dir organizations/esa.yaml 's|name: ESA|name: ESA\nslug: Bad Slug|'
case_dir teams/esa-pilots.yaml 's|organization: ESA|organization: ESA\nslug: "a b"|'
case_dir projects/apollo-11-spacecraft.yaml 's|platform: .*|platform: "Not A Platform"|'
case_dir projects/apollo-11-spacecraft.yaml 's|teams: .*|teams: [nasa-flight-control, nasa-flight-control]|'
case_dir projects/apollo-11-spacecraft.yaml 's|kind: Project|kind: Project\nslug: "-x-"|'
for f in $src/tests/fuzz/corpus/definitions/*; do
  rm -rf "$work/f"; mkdir "$work/f"; cp "$f" "$work/f/fuzz.yaml"
  compare "corpus $(basename $f)" validate -d "$work/f"
done
# Snapshots: the generated instance's, with the schema's patterns and uniqueness broken.
python3 $src/tests/bench/generate.py "$work/i" --organizations 2 >/dev/null
export GLITCHTIP_BENCH_TOKEN=unused
compare "snapshot as written" plan --offline -d "$work/i/definitions" --snapshot "$work/i/snapshot.json"
for mutation in lineage members email slug updated; do
  python3 - "$work/i/snapshot.json" "$work/s.json" "$mutation" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); m = sys.argv[3]
org = next(iter(next(iter(s["instances"].values()))["organizations"].values()))
team = next(iter(org["teams"].values()))
if m == "lineage": s["lineage"] = "not-a-uuid"
if m == "members": team["members"] = team["members"] + team["members"][:2] + team["members"][:1]
if m == "email": team["members"][0] = team["members"][0].upper()
if m == "slug": org["teams"]["Bad Slug"] = team
if m == "updated": s["updated_at"] = "yesterday"
json.dump(s, open(sys.argv[2], "w"), indent=2)
PY
  compare "snapshot $mutation" plan --offline -d "$work/i/definitions" --snapshot "$work/s.json"
done
for f in $src/tests/fuzz/corpus/snapshot/*; do
  compare "snapshot corpus $(basename $f)" plan --offline -d "$work/i/definitions" --snapshot "$f"
done
echo "$n cases, $fails different"
[ "$fails" = 0 ]
