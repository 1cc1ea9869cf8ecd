#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster on 127.0.0.1 for the tests, as a
# non-root user, in a temporary folder. Usage:
#   eval "$(scripts/postgres-test-server.sh start [PORT])"   # exports ORGTREE_TEST_POSTGRES, PG_TEST_DIR,
#                                                           # ORGTREE_TEST_POSTGRES_CA
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
    # TLS: a certificate authority made for this cluster alone, and the server's
    # certificate for localhost and 127.0.0.1 signed by it (the TLS tests trust ca.crt).
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=orgtree test CA" \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
      -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
      -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null
    chmod 600 "$dir/server.key"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.crt"
    runas "'$bin/pg_ctl' -D '$dir/data' -o \"-k '$dir' -p $port -h 127.0.0.1,127.0.0.2 -c fsync=off -c ssl=on -c ssl_cert_file='$dir/server.crt' -c ssl_key_file='$dir/server.key'\" -l '$dir/server.log' -w start >/dev/null"
    runas "'$bin/createdb' -h 127.0.0.1 -p $port -U orgtree orgtree"
    echo "export ORGTREE_TEST_POSTGRES=postgres://orgtree@127.0.0.1:$port/orgtree"
    echo "export PG_TEST_DIR=$dir"
    echo "export ORGTREE_TEST_POSTGRES_CA=$dir/ca.crt"
    ;;
  stop)
    dir=${2:?usage: stop DIR}
    runas "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [PORT] | stop DIR" >&2; exit 2 ;;
esac
