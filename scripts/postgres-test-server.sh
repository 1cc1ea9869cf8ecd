#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster on 127.0.0.1 for the tests, as a
# non-root user, in a temporary folder. Usage:
#   eval "$(scripts/postgres-test-server.sh start [PORT])"   # exports ORGTREE_TEST_POSTGRES, PG_TEST_DIR
#   scripts/postgres-test-server.sh stop "$PG_TEST_DIR"
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
runas() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
case "${1:-}" in
  start)
    port=${2:-55432}
    dir=$(mktemp -d /tmp/orgtree-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    runas "'$bin/initdb' -D '$dir/data' -A trust -U orgtree -E UTF8 >'$dir/initdb.log' 2>&1"
    runas "'$bin/pg_ctl' -D '$dir/data' -o \"-k '$dir' -p $port -h 127.0.0.1 -c fsync=off\" -l '$dir/server.log' -w start >/dev/null"
    runas "'$bin/createdb' -h 127.0.0.1 -p $port -U orgtree orgtree"
    echo "export ORGTREE_TEST_POSTGRES=postgres://orgtree@127.0.0.1:$port/orgtree"
    echo "export PG_TEST_DIR=$dir"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    runas "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop DIR" >&2; exit 2 ;;
esac
