# GitLab's API for the CI scripts. Sourced after lib.sh.

gitlab_api() {
  gg_curl "$gg_tmp/headers" -H "PRIVATE-TOKEN: $GITLAB_API_TOKEN" "$@"
}

# The id of the user GITLAB_API_TOKEN belongs to: only its notes count as plan comments, so
# nobody can approve a plan by pasting a marker into a comment of their own.
gitlab_me() {
  gg_request_name="GET $CI_API_V4_URL/user" gitlab_api "$CI_API_V4_URL/user" | jq -r .id
}

# gitlab_plan_note IID: the JSON of the merge request's plan note by this user (the newest
# if several), or nothing. Reads every page (X-Next-Page), 100 notes a page.
gitlab_plan_note() {
  local iid=$1 me page=1 url match found=
  me=$(gitlab_me)
  while [ -n "$page" ]; do
    url="$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$iid/notes?sort=asc&order_by=created_at&per_page=100&page=$page"
    gg_request_name="GET $url" gitlab_api "$url" > "$gg_tmp/page.json"
    match=$(jq -c --argjson me "$me" --arg prefix "$gg_marker_prefix" \
      '[.[] | select(.author.id == $me and (.body | startswith($prefix)))] | last // empty' \
      "$gg_tmp/page.json")
    [ -z "$match" ] || found=$match
    page=$(gg_header X-Next-Page "$gg_tmp/headers")
  done
  printf '%s' "$found"
}
