#!/usr/bin/env bash
# First-contact lookups on synthetic person records, Vigil's index side by side with
# PostgreSQL 15 pg_trgm + fuzzystrmatch, in one run. Starts a throwaway PostgreSQL
# cluster (Debian's postgresql package; as root it runs as the postgres user) on a
# Unix socket under /tmp, and removes it afterwards.
# usage: bench/match.sh BUILD_DIR [RECORDS] [QUERIES]   (defaults 10000000 and 2000)
set -euo pipefail
build=$1
records=${2:-10000000}
queries=${3:-2000}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "match.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
chmod 755 "$dir"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
stop() { as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
as_pg "$pgbin/initdb" -D "$dir/data" -A trust -U vigil >/dev/null
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start \
    -o "-k $dir -p 55432 -c listen_addresses= -c shared_buffers=4GB -c work_mem=256MB -c maintenance_work_mem=4GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
"$pgbin/psql" -h "$dir" -p 55432 -U vigil -d postgres -Atc "SELECT version()" | head -n 1
"$build/bench/match_speed" --records "$records" --queries "$queries" --pg "host=$dir port=55432 user=vigil dbname=postgres"
