#!/usr/bin/env bash
# pipelines_test.sh BUILD_DIR: runs the shell parts of the GitLab and GitHub pipelines
# (examples/ci/scripts/, called by examples/ci/gitlab-ci.yml and
# examples/ci/github/glitchtip-gitops.yml) as the pipelines run them: the built
# glitchtip-gitops against the GlitchTip emulator, the real curl against stub_api.py standing
# in for GitLab's and GitHub's APIs. Checks that
#   - a merge request gets one plan comment, posted once and then updated in place, found
#     on the second page of notes, with the Markdown plan as its body;
#   - a marker in somebody else's comment approves nothing;
#   - after the merge (another commit) the approved digest is read back from the comment and
#     apply runs with --expect and applies;
#   - when what is merged differs from what was approved, apply refuses and changes nothing.
# Also lints both pipeline files with yamllint. Uses a snapshot file.
set -euo pipefail
build=$(cd "${1:?usage: pipelines_test.sh BUILD_DIR}" && pwd)
cd "$(dirname "$0")/../.."
root=$(pwd)
scripts=$root/examples/ci/scripts

failures=0
check() {  # check DESCRIPTION COMMAND...: a named assertion
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failures=$((failures + 1)); fi
}

echo "== yamllint"
yamllint -s -c "$root/tests/ci/yamllint.yaml" examples/ci/gitlab-ci.yml \
  examples/ci/github/glitchtip-gitops.yml examples/ci/kubernetes-dsn.yml
for script in "$scripts"/*.sh; do bash -n "$script"; done
# GitHub's workflow schema (SchemaStore's, inside the pinned npm package action-validator,
# which tests/install-deps.sh installs); no Debian or npm package ships GitLab's CI schema.
echo "== action-validator (GitHub's workflow schema)"
"$root/tests/ci/node_modules/.bin/action-validator" examples/ci/github/glitchtip-gitops.yml

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
cd "$work"
mkdir bin
ln -s "$build/glitchtip-gitops" bin/glitchtip-gitops
export PATH="$work/bin:$PATH"

# wait_for FILE PATTERN: the URL a server printed after PATTERN.
wait_for() {
  for _ in $(seq 1 100); do
    grep -q "$2" "$1" 2>/dev/null && break
    sleep 0.1
  done
  sed -n "s|^$2 ||p" "$1"
}

token=9de9ac5e2554ea472e1012ce8565dcdfb1e6d9024fe964f894584740b681ce97
cat > empty-glitchtip.json <<JSON
{"users": [{"email": "sd-app-sre+glitchtip@nasa.com", "test_token": "$token"}],
 "organizations": []}
JSON
"$build/glitchtip-emulator" --port 0 --flavour drf --seed empty-glitchtip.json \
  > emulator.out 2> emulator.log &
pids+=($!)
glitchtip=$(wait_for emulator.out "glitchtip-emulator listening on")
[ -n "$glitchtip" ] || { cat emulator.log >&2; exit 1; }

# 150 notes by people before the pipeline's first comment, so that it lands on page 2;
# one of them pastes a marker with a digest nobody approved.
python3 - > stub-seed.json <<'PY'
import json
fake = "<!-- glitchtip-gitops plan " + "f" * 64 + " -->\nlooks like a plan"
people = [{"id": n, "body": fake if n == 5 else "comment %d" % n} for n in range(1, 151)]
print(json.dumps({
    "gitlab": {"token": "glpat-stub", "user": {"id": 42, "username": "gitops-bot"},
               "threads": {"3": [dict(p, author={"id": 7}) for p in people]}},
    "github": {"token": "ghs-stub", "user": {"login": "github-actions[bot]"},
               "threads": {"5": [dict(p, user={"login": "octocat"}) for p in people]}},
}))
PY
python3 "$root/tests/ci/stub_api.py" stub-seed.json > stub.out 2> stub.log &
pids+=($!)
stub=$(wait_for stub.out "stub API listening on")
[ -n "$stub" ] || { cat stub.log >&2; exit 1; }

cp -r "$root/examples/space-agencies" definitions
rm -f definitions/live.json
sed -i "s|^url: .*|url: $glitchtip|" definitions/instance.yaml
export GLITCHTIP_DEV_TOKEN=$token GLITCHTIP_GITOPS_SNAPSHOT=$work/snapshot.json NO_COLOR=1
# The example's alert webhook, a secret the pipeline's CI variables would hold.
export NASA_SLACK_WEBHOOK=https://hooks.slack.example/services/T00000000/B00000000/example-not-a-secret

state() { curl -sf "$stub/_state"; }
requests() { curl -sf "$stub/_requests"; }
digest_of() { jq -r .plan_sha256 "$1"; }
bot_notes() { state | jq '[.gitlab.threads["'"$1"'"][] | select(.author.id == 42)]'; }
bot_comments() { state | jq '[.github.threads["'"$1"'"][] | select(.user.login == "github-actions[bot]")]'; }
add_user() {
  printf 'kind: User\nemail: %s@nasa.com\nroles: [nasa-pilots]\n' "$1" > "definitions/users/$1.yaml"
}

echo "== GitLab: merge request !3"
gitlab() {
  CI_API_V4_URL=$stub/api/v4 CI_PROJECT_ID=7 GITLAB_API_TOKEN=glpat-stub "$@"
}
mr() { gitlab env CI_MERGE_REQUEST_IID="$1" CI_COMMIT_SHA="$2" bash -c "$3"; }
mr 3 "$(printf 'a%.0s' {1..40})" "'$scripts/plan.sh' && '$scripts/gitlab-note.sh'"
check "the plan comment is posted once" [ "$(bot_notes 3 | jq length)" = 1 ]
check "its body is the Markdown plan, byte for byte" \
  [ "$(bot_notes 3 | jq -j '.[0].body')" = "$(cat plan.md)" ]
approved=$(digest_of plan.json)
check "its first line is the marker of the plan" \
  [ "$(bot_notes 3 | jq -r '.[0].body' | head -n 1)" = "<!-- glitchtip-gitops plan $approved -->" ]
check "the GlitchTip token is in no comment" bash -c "! curl -sf '$stub/_state' | grep -q '$token'"

mr 3 "$(printf 'b%.0s' {1..40})" "'$scripts/plan.sh' && '$scripts/gitlab-note.sh'"
check "a plan of the same content at another commit has the same digest" \
  [ "$(digest_of plan.json)" = "$approved" ]
approved=$(digest_of plan.json)
check "a second push updates the comment instead of posting another" \
  [ "$(bot_notes 3 | jq length)" = 1 ]
check "found on page 2 of the notes (PUT of the same note)" bash -c \
  "curl -sf '$stub/_requests' | jq -e '[.[] | select(.method == \"GET\" and (.path | endswith(\"/notes\")) and .query.page == \"2\")] | length >= 2' >/dev/null &&
   curl -sf '$stub/_requests' | jq -e '[.[] | select(.method == \"PUT\")] | length == 1' >/dev/null &&
   curl -sf '$stub/_requests' | jq -e '[.[] | select(.method == \"POST\" and (.path | endswith(\"/notes\")))] | length == 1' >/dev/null"

echo "== GitLab: merged as another commit, applied with --expect"
merge=$(printf 'c%.0s' {1..40})
curl -sf -X POST -d '{"gitlab": {"'"$merge"'": 3}}' "$stub/_merge" > /dev/null
read_back=$(gitlab env CI_COMMIT_SHA="$merge" "$scripts/gitlab-approved.sh")
check "the approved digest is read back from the comment, not from the pasted one" \
  [ "$read_back" = "$approved" ]
status=0
gitlab env CI_COMMIT_SHA="$merge" "$scripts/apply-approved.sh" "$read_back" > apply.out 2>&1 || status=$?
check "apply --expect applies the approved plan at the merge commit" [ "$status" = 0 ]
check "GlitchTip now matches the definitions" bash -c "glitchtip-gitops plan -d definitions --detailed-exitcode > /dev/null"

echo "== GitLab: what was merged is not what was approved"
add_user edwhite
mr 8 "$(printf 'd%.0s' {1..40})" "'$scripts/plan.sh' && '$scripts/gitlab-note.sh'"
add_user rogerchaffee  # merged together with another change nobody reviewed with it
merge=$(printf 'e%.0s' {1..40})
curl -sf -X POST -d '{"gitlab": {"'"$merge"'": 8}}' "$stub/_merge" > /dev/null
before=$(cat snapshot.json 2>/dev/null || true)
read_back=$(gitlab env CI_COMMIT_SHA="$merge" "$scripts/gitlab-approved.sh")
status=0
gitlab env CI_COMMIT_SHA="$merge" "$scripts/apply-approved.sh" "$read_back" > refused.out 2>&1 || status=$?
check "apply refuses a plan other than the approved one" [ "$status" = 1 ]
check "saying so" grep -q "not the approved plan" refused.out
check "and changes nothing" [ "$(cat snapshot.json 2>/dev/null || true)" = "$before" ]
status=0
"$scripts/apply-approved.sh" "" > unapproved.out 2>&1 || status=$?
check "changes that no merge request approved are refused" [ "$status" = 1 ]
rm "definitions/users/rogerchaffee.yaml" "definitions/users/edwhite.yaml"
check "a commit that changes nothing needs no approval" "$scripts/apply-approved.sh" ""

echo "== GitHub: pull request #5"
github() {
  GITHUB_API_URL=$stub/github GITHUB_REPOSITORY=nasa/glitchtip GITHUB_TOKEN=ghs-stub "$@"
}
add_user edwhite
github env GG_PR_NUMBER=5 GITHUB_SHA="$(printf 'f%.0s' {1..40})" bash -c \
  "'$scripts/plan.sh' && '$scripts/github-comment.sh' && '$scripts/github-comment.sh'"
approved=$(digest_of plan.json)
check "one plan comment, posted then updated" [ "$(bot_comments 5 | jq length)" = 1 ]
check "with the Markdown plan as its body" [ "$(bot_comments 5 | jq -j '.[0].body')" = "$(cat plan.md)" ]
check "found through the Link header's next page" bash -c \
  "curl -sf '$stub/_requests' | jq -e '[.[] | select(.method == \"PATCH\")] | length == 1' >/dev/null &&
   curl -sf '$stub/_requests' | jq -e '[.[] | select(.path | endswith(\"/issues/5/comments\")) | select(.query.page == \"2\")] | length >= 2' >/dev/null"
merge=$(printf '1%.0s' {1..40})
curl -sf -X POST -d '{"github": {"'"$merge"'": 5}}' "$stub/_merge" > /dev/null
read_back=$(github env GITHUB_SHA="$merge" "$scripts/github-approved.sh")
check "the approved digest is read back" [ "$read_back" = "$approved" ]
add_user rogerchaffee
status=0
"$scripts/apply-approved.sh" "$read_back" > refused.out 2>&1 || status=$?
check "a merge with more than was approved is refused" [ "$status" = 1 ]
rm "definitions/users/rogerchaffee.yaml"
check "the approved content applies at the push commit" "$scripts/apply-approved.sh" "$read_back"
check "GitHub and GitLab were sent only their own tokens" bash -c \
  "! grep -rq '$token' '$work/stub.log' && ! curl -sf '$stub/_requests' | grep -q '$token'"

if [ "$failures" -gt 0 ]; then
  echo "$failures checks failed; the work directory was $work" >&2
  for f in apply.out refused.out unapproved.out; do [ ! -f "$f" ] || { echo "--- $f"; cat "$f"; } >&2; done
  exit 1
fi
echo "All pipeline checks passed."
