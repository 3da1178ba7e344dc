#!/usr/bin/env bash
# gitlab-approved.sh: prints the plan_sha256 that reviewers approved for the commit being
# built on the default branch: the marker of the plan comment on the merge request that
# brought the commit in (a merge, squash or fast-forward commit). Prints nothing when the
# commit came from no merge request; fails when the merge request has no plan comment.
# Environment: CI_API_V4_URL, CI_PROJECT_ID, CI_COMMIT_SHA, GITLAB_API_TOKEN.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
gg_need CI_API_V4_URL CI_PROJECT_ID CI_COMMIT_SHA GITLAB_API_TOKEN
. "$(dirname "$0")/gitlab-lib.sh"

url="$CI_API_V4_URL/projects/$CI_PROJECT_ID/repository/commits/$CI_COMMIT_SHA/merge_requests"
iid=$(gg_request_name="GET $url" gitlab_api "$url" |
  jq -r '[.[] | select(.state == "merged")][0].iid // empty')
[ -n "$iid" ] || exit 0
note=$(gitlab_plan_note "$iid")
[ -n "$note" ] || gg_die "merge request !$iid has no plan comment: it was merged without a reviewed plan"
digest=$(jq -r .body <<< "$note" | gg_marker_digest)
[ -n "$digest" ] || gg_die "the plan comment of merge request !$iid has no readable marker"
echo "Merge request !$iid approved plan $digest" >&2
echo "$digest"
