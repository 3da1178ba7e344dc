#!/usr/bin/env bash
# github-approved.sh: prints the plan_sha256 approved for the commit pushed to the default
# branch: the marker of the plan comment on the merged pull request that brought it in.
# Prints nothing when no merged pull request has the commit; fails when the pull request
# has no plan comment.
# Environment: GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_TOKEN.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
gg_need GITHUB_API_URL GITHUB_REPOSITORY GITHUB_SHA GITHUB_TOKEN
. "$(dirname "$0")/github-lib.sh"

url="$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/commits/$GITHUB_SHA/pulls"
number=$(gg_request_name="GET $url" github_api "$url" |
  jq -r '[.[] | select(.merged_at != null)][0].number // empty')
[ -n "$number" ] || exit 0
comment=$(github_plan_comment "$number")
[ -n "$comment" ] || gg_die "pull request #$number has no plan comment: it was merged without a reviewed plan"
digest=$(jq -r .body <<< "$comment" | gg_marker_digest)
[ -n "$digest" ] || gg_die "the plan comment of pull request #$number has no readable marker"
echo "Pull request #$number approved plan $digest" >&2
echo "$digest"
