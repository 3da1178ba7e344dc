#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests of the PostgreSQL snapshot store.
#   tests/support/postgres.sh start DIR   initdb into DIR/data, start on a free loopback port
#                                         (unix socket in DIR), print the connection URI
#   tests/support/postgres.sh stop DIR    stop it and remove DIR
# Run as root (as CI does), the server runs as the unprivileged user `nobody`, since
# PostgreSQL refuses to run as root. Authentication: trust for the superuser `gg` over
# loopback, a password (scram-sha-256) for the role `gg_password` (which tests create),
# so the tests can check that a password never shows.
# Use it by hand: export GG_TEST_POSTGRES_URI=$(tests/support/postgres.sh start /tmp/gg-pg)
set -euo pipefail

bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir)
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  echo "no PostgreSQL server binaries (initdb) found: apt-get install postgresql" >&2
  return 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# as_server COMMAND...: runs COMMAND as the server's user.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir=$1 bin port
  bin=$(bindir)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown nobody "$dir"
  as_server "$bin/initdb" -D "$dir/data" -U gg --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; return 1; }
  cat >"$dir/data/pg_hba.conf" <<'HBA'
local all all                  trust
host  all gg_password   127.0.0.1/32 scram-sha-256
host  all all           127.0.0.1/32 trust
HBA
  for _ in 1 2 3; do
    port=$(free_port)
    if as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      echo "postgresql://gg@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  return 1
}

stop() {
  local dir=$1 bin
  bin=$(bindir)
  [ -d "$dir/data" ] && as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
