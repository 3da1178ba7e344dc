# GitHub's REST API for the CI scripts. Sourced after lib.sh.

github_api() {
  gg_curl "$gg_tmp/headers" -H "Authorization: Bearer $GITHUB_TOKEN" \
    -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28' "$@"
}

# The next page's URL from a Link header, only when it is on the API's own host (the token
# goes with it).
github_next_page() {
  gg_header Link "$gg_tmp/headers" | tr ',' '\n' |
    sed -n 's/^ *<\([^>]*\)>; *rel="next".*/\1/p' | grep -F "$GITHUB_API_URL/" | head -n 1 || true
}

# github_plan_comment NUMBER: the JSON of the pull request's plan comment by
# GG_COMMENT_AUTHOR (default github-actions[bot], the author GITHUB_TOKEN posts as), the
# newest if several, or nothing. Follows every page (Link: rel="next"), 100 a page.
github_plan_comment() {
  local url="$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/issues/$1/comments?per_page=100" match found=
  local author=${GG_COMMENT_AUTHOR:-github-actions[bot]}
  while [ -n "$url" ]; do
    gg_request_name="GET $url" github_api "$url" > "$gg_tmp/page.json"
    match=$(jq -c --arg author "$author" --arg prefix "$gg_marker_prefix" \
      '[.[] | select(.user.login == $author and (.body | startswith($prefix)))] | last // empty' \
      "$gg_tmp/page.json")
    [ -z "$match" ] || found=$match
    url=$(github_next_page)
  done
  printf '%s' "$found"
}
