# Shared by the CI scripts: API calls with curl, and the plan comment's hidden marker.
# Sourced, not run. Needs curl and jq.

# The first line of every plan comment: <!-- glitchtip-gitops plan <plan_sha256> -->
gg_marker_prefix='<!-- glitchtip-gitops plan '

gg_die() {
  echo "error: $*" >&2
  exit 1
}

# gg_need VAR...: stops naming every variable that is unset or empty.
gg_need() {
  local missing=()
  for name in "$@"; do [ -n "${!name:-}" ] || missing+=("$name"); done
  [ "${#missing[@]}" -eq 0 ] || gg_die "set ${missing[*]} (see the pipeline's comments)"
}

# gg_curl HEADER_FILE CURL_ARGS...: one API request; the response body on stdout, its
# headers in HEADER_FILE. Fails (exit 1) naming the method and URL, never the token, on an
# HTTP error or when the server cannot be reached.
gg_curl() {
  local headers=$1 status
  shift
  status=$(curl -sS --retry 3 --retry-connrefused -o "$gg_tmp/body" -D "$headers" \
    -w '%{http_code}' "$@") || gg_die "the API request failed: ${gg_request_name:-curl}"
  case $status in
    2??) cat "$gg_tmp/body" ;;
    *)
      echo "error: ${gg_request_name:-the API request} answered HTTP $status:" >&2
      head -c 500 "$gg_tmp/body" >&2
      echo >&2
      exit 1
      ;;
  esac
}

# gg_header NAME HEADER_FILE: the value of a response header (case-insensitive), or nothing.
gg_header() {
  tr -d '\r' < "$2" | awk -v name="$(echo "$1" | tr '[:upper:]' '[:lower:]')" -F': ' \
    'tolower($1) == name { sub(/^[^:]*: /, ""); value = $0 } END { print value }'
}

# gg_marker_digest: reads a comment body on stdin, prints the plan_sha256 of its first line's
# marker, or nothing.
gg_marker_digest() {
  head -n 1 | sed -n 's/^<!-- glitchtip-gitops plan \([0-9a-f]\{64\}\) -->$/\1/p'
}

gg_tmp=$(mktemp -d)
trap 'rm -rf "$gg_tmp"' EXIT
