#!/usr/bin/env bash
# github-comment.sh [PLAN_MD]: posts the plan (default plan.md) as the pull request's plan
# comment, or updates the one posted before (found by its hidden marker on any page of
# comments), so a pull request has one plan comment.
# Environment (Actions sets most): GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN (with
# pull-requests: write), GG_PR_NUMBER (github.event.pull_request.number).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
gg_need GITHUB_API_URL GITHUB_REPOSITORY GITHUB_TOKEN GG_PR_NUMBER
plan_md=${1:-plan.md}
[ -s "$plan_md" ] || gg_die "$plan_md: no plan comment to post (run plan.sh first)"
. "$(dirname "$0")/github-lib.sh"

comment=$(github_plan_comment "$GG_PR_NUMBER")
body=$(jq -Rs '{body: .}' < "$plan_md")
if [ -n "$comment" ]; then
  id=$(jq -r .id <<< "$comment")
  url="$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/comments/$id"
  gg_request_name="PATCH $url" github_api -X PATCH --data-binary "$body" "$url" > /dev/null
  echo "Updated the plan comment ($id) of pull request #$GG_PR_NUMBER."
else
  url="$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/$GG_PR_NUMBER/comments"
  gg_request_name="POST $url" github_api -X POST --data-binary "$body" "$url" > /dev/null
  echo "Posted the plan comment on pull request #$GG_PR_NUMBER."
fi
