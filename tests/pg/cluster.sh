#!/bin/sh
# cluster.sh - a throwaway PostgreSQL 15 cluster for the tests: initdb in a folder, a Unix
# socket in that folder and no TCP port, trust for the local user only, stopped and
# removed afterwards. PostgreSQL will not run as root: as root the cluster belongs to the
# `postgres` user the Debian package creates.
#
# usage: tests/pg/cluster.sh start DIR    starts it; prints the database's URL
#        tests/pg/cluster.sh stop DIR     stops it and removes DIR
#        tests/pg/cluster.sh url DIR      the URL of a cluster started in DIR
#        tests/pg/cluster.sh replica DIR PRIMARY-DIR
#                                         a streaming replica of the cluster in PRIMARY-DIR
#                                         (pg_basebackup, hot standby), started; its URL
set -eu
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|url DIR | replica DIR PRIMARY-DIR" >&2; exit 2; }
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/initdb" ] || { echo "cluster.sh: no PostgreSQL 15 in $bin (apt-get install postgresql-15)" >&2; exit 1; }

as_owner() { # runs a PostgreSQL program as the cluster's owner
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
owner() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
url() { echo "postgresql:///vigil?host=$dir/sock&user=$(owner)"; }

case "$cmd" in
start)
    mkdir -p "$dir/sock"
    [ "$(id -u)" -ne 0 ] || chown -R postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U "$(owner)" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # no TCP; the socket in the folder; fast and not durable (a test cluster), or with
    # PG_DURABLE=1 (benchmarks) durable as SQLite's WAL with synchronous=NORMAL is: a
    # commit does not wait for the disk, and nothing is corrupted by a crash
    if [ "${PG_DURABLE:-0}" = 1 ]; then speed="-c synchronous_commit=off"
    else speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' $speed -c max_connections=60" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h "$dir/sock" -U "$(owner)" vigil
    url
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
url) url ;;
replica)
    primary=${3:?usage: $0 replica DIR PRIMARY-DIR}
    mkdir -p "$dir/sock"
    [ "$(id -u)" -ne 0 ] || chown -R postgres "$dir"
    as_owner "$bin/pg_basebackup" -h "$primary/sock" -U "$(owner)" -D "$dir/data" -R -X stream --checkpoint=fast >"$dir/basebackup.log" 2>&1 ||
        { cat "$dir/basebackup.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' -c hot_standby=on" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    url
    ;;
*) echo "usage: $0 start|stop|url DIR" >&2; exit 2 ;;
esac
