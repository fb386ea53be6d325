#!/bin/sh
# A throwaway PostgreSQL server for the tests of the consolidation (issue 7).
#
#   sh tools/postgres-test.sh run CMD [ARG...]
#       start a cluster, run CMD with BGF_TEST_PG_URL set, stop and remove the cluster
#       (also when CMD fails or is interrupted); exit with CMD's status
#   sh tools/postgres-test.sh start     start one; print BGF_TEST_PG_URL=... and BGF_TEST_PG_DIR=...
#   sh tools/postgres-test.sh stop DIR  stop the cluster started in DIR and remove it
#
# The server binaries come from /usr/lib/postgresql/*/bin (Debian) or the PATH; when they are
# missing and we are root with apt-get, the distribution's `postgresql` package is installed.
# The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, trusts local
# connections and runs as a non-root user (`postgres` when we are root: PostgreSQL refuses
# to run as root). When no PostgreSQL can be had, `run` still runs CMD, without the URL:
# the PostgreSQL tests then skip with the reason, or fail when CI=true.

PG_USER=bgfuture
PG_DB=bgfuture_test

say() { echo "postgres-test: $*" >&2; }

find_bindir() {
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  initdb=$(command -v initdb 2>/dev/null) || return 1
  dirname "$(readlink -f "$initdb")"
}

install_server() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "the PostgreSQL server is not installed (Debian: apt-get install postgresql)"
    return 1
  fi
  say "installing the PostgreSQL server (apt-get install postgresql)"
  apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# Run a server program as a user PostgreSQL accepts (never root).
as_pg() {
  if [ "$(id -u)" != 0 ]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; return; fi
  su postgres -s /bin/sh -c "$*"
}

free_port() {
  for py in "${PYTHON:-python3}" python3 python; do
    port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null) && { echo "$port"; return 0; }
  done
  awk 'BEGIN { srand(); print 20000 + int(rand() * 30000) }'
}

start() {
  bindir=$(find_bindir) || { install_server && bindir=$(find_bindir); } || return 1
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    say "running as root, but there is no 'postgres' user to run the server as"
    return 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/bgfuture-pg.XXXXXX") || return 1
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(free_port)
  (
    cd "$dir" || exit 1
    as_pg "$bindir/initdb" -D "$dir/data" -U "$PG_USER" -A trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER" "$PG_DB"
  ) || { say "the PostgreSQL server did not start"; stop "$dir"; return 1; }
  echo "$bindir" >"$dir/bindir"
  BGF_TEST_PG_URL="postgresql+psycopg://$PG_USER@127.0.0.1:$port/$PG_DB"
  BGF_TEST_PG_DIR="$dir"
  export BGF_TEST_PG_URL BGF_TEST_PG_DIR
}

stop() {
  dir=$1
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir)
    (cd "$dir" && as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1)
  fi
  rm -rf "$dir"
}

case "$1" in
  run)
    shift
    if start; then
      say "PostgreSQL for the tests: $BGF_TEST_PG_URL"
      trap 'stop "$BGF_TEST_PG_DIR"; exit 130' INT TERM
      "$@"
      status=$?
      stop "$BGF_TEST_PG_DIR"
      exit $status
    fi
    say "no PostgreSQL: its tests are skipped (and fail when CI=true)"
    unset BGF_TEST_PG_URL
    exec "$@"
    ;;
  start)
    start || exit 1
    echo "BGF_TEST_PG_URL=$BGF_TEST_PG_URL"
    echo "BGF_TEST_PG_DIR=$BGF_TEST_PG_DIR"
    ;;
  stop)
    stop "$2"
    ;;
  *)
    echo "usage: sh $0 run CMD [ARG...] | start | stop DIR" >&2
    exit 2
    ;;
esac
