#!/usr/bin/env bash
# gitlab-note.sh [PLAN_MD]: posts the plan (default plan.md) as the merge request's plan
# comment, or updates the one the pipeline's user posted before (found by its hidden marker,
# looking through every page of notes), so a merge request has one plan comment.
# Environment (GitLab sets the CI_ ones): CI_API_V4_URL, CI_PROJECT_ID,
# CI_MERGE_REQUEST_IID, GITLAB_API_TOKEN (a project access token with the api scope).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
gg_need CI_API_V4_URL CI_PROJECT_ID CI_MERGE_REQUEST_IID GITLAB_API_TOKEN
plan_md=${1:-plan.md}
[ -s "$plan_md" ] || gg_die "$plan_md: no plan comment to post (run plan.sh first)"
. "$(dirname "$0")/gitlab-lib.sh"

note=$(gitlab_plan_note "$CI_MERGE_REQUEST_IID")
body=$(jq -Rs '{body: .}' < "$plan_md")
notes="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"
if [ -n "$note" ]; then
  id=$(jq -r .id <<< "$note")
  gg_request_name="PUT $notes/$id" gitlab_api -X PUT -H 'Content-Type: application/json' \
    --data-binary "$body" "$notes/$id" > /dev/null
  echo "Updated the plan comment (note $id) of merge request !$CI_MERGE_REQUEST_IID."
else
  gg_request_name="POST $notes" gitlab_api -X POST -H 'Content-Type: application/json' \
    --data-binary "$body" "$notes" > /dev/null
  echo "Posted the plan comment on merge request !$CI_MERGE_REQUEST_IID."
fi
