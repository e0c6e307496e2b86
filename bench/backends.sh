#!/usr/bin/env bash
# The two backends side by side (issue 17): one synthetic force loaded into SQLite and into
# PostgreSQL 15 (a throwaway cluster, tests/pg/cluster.sh), the time and size of each load,
# then first-contact lookups (each with its session check and audit write) under wrk:
# one `vigil serve` on SQLite, against two `vigil serve` on the PostgreSQL database (wrk
# on each at once), with p50/p99 and lookups per second, and the ratio of the latencies.
# usage: bench/backends.sh BUILD_DIR [SECONDS=20] [SCALE=0.1] [CONNECTIONS=16]
set -euo pipefail
build=$(cd "$1" && pwd); secs=${2:-20}; scale=${3:-0.1}; conns=${4:-16}
command -v wrk >/dev/null || { echo "backends.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); pgdir=$(mktemp -d /tmp/vigil-bench-pg.XXXXXX); pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    "$here/../tests/pg/cluster.sh" stop "$pgdir"
    rm -rf "$work"
}
trap cleanup EXIT
# durable as Vigil's SQLite is (WAL, synchronous=NORMAL): fsync on, commits not waiting
pgurl=$(PG_DURABLE=1 "$here/../tests/pg/cluster.sh" start "$pgdir")
sqlite=$work/b.db
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); scale $scale"
load() { # db: init, synth, train; the time taken
    local t0 t1
    t0=$(date +%s.%N)
    "$build/vigil" init -q --db "$1"
    "$build/vigil" synth -q --db "$1" --scale "$scale" --from 2013-07
    "$build/vigil" match train --db "$1" > /dev/null
    t1=$(date +%s.%N)
    echo "bench password 1" | "$build/vigil" user add ch --role call_handler --password-stdin --db "$1" > /dev/null
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}'
}
echo "== load (init, synth, train)"
ts=$(load "$sqlite"); echo "SQLite:     $ts s, $(du -m "$sqlite" | cut -f1) MB"
tp=$(load "$pgurl"); echo "PostgreSQL: $tp s, $(psql -X -A -t "$pgurl" -c "SELECT pg_database_size(current_database()) / 1048576") MB"
sqlite3 "$sqlite" "SELECT given_names || '|' || family_name || '|' || coalesce(dob, '') FROM person ORDER BY random() LIMIT 5000" > "$work/people"
export VIGIL_PEOPLE=$work/people

wait_for() { for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "backends.sh: $1 never said '$2'" >&2; exit 1; }
serve() { # db port log
    "$build/vigil" serve --db "$1" --listen "127.0.0.1:$2" > "$3" 2>&1 & pids+=($!)
    wait_for "$3" "listening on port"
}
token() { curl -s -X POST "http://127.0.0.1:$1/api/session" -d '{"username":"ch","password":"bench password 1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
warm() { VIGIL_TOKEN=$2 wrk -t1 -c4 -d3s -s "$here/serve/lookups.lua" "http://127.0.0.1:$1" > /dev/null; }
field() { awk -v k="$1" '$0 ~ k {print $0}'; }

echo "== one vigil serve on SQLite: lookups, $conns connections, $secs s"
serve "$sqlite" 18191 "$work/s.log"
tok=$(token 18191); warm 18191 "$tok"
VIGIL_TOKEN=$tok wrk -t2 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18191 > "$work/s.out"
grep -E "Requests/sec|lookups:|latency p50" "$work/s.out"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

echo "== two vigil serve on PostgreSQL: lookups, $conns connections on each at once, $secs s"
serve "$pgurl" 18192 "$work/p1.log"
serve "$pgurl" 18193 "$work/p2.log"
tok=$(token 18192); warm 18192 "$tok"; warm 18193 "$tok"  # one session, good on both
VIGIL_TOKEN=$tok wrk -t1 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18192 > "$work/p1.out" &
w1=$!
VIGIL_TOKEN=$tok wrk -t1 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18193 > "$work/p2.out"
wait "$w1"
for f in p1 p2; do echo "server $f:"; grep -E "Requests/sec|lookups:|latency p50" "$work/$f.out"; done
"$build/vigil" audit verify --db "$pgurl"

p50() { awk '/latency p50/ {print $3}' "$1"; }
p99() { awk '/latency p50/ {print $6}' "$1"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
awk -v s50="$(p50 "$work/s.out")" -v s99="$(p99 "$work/s.out")" -v a50="$(p50 "$work/p1.out")" -v b50="$(p50 "$work/p2.out")" \
    -v a99="$(p99 "$work/p1.out")" -v b99="$(p99 "$work/p2.out")" -v sr="$(rps "$work/s.out")" \
    -v pr="$(rps "$work/p1.out") $(rps "$work/p2.out")" 'BEGIN {
    split(pr, r, " "); m50 = (a50 + b50) / 2; m99 = (a99 > b99 ? a99 : b99)
    printf "ratio: PostgreSQL (two servers) p50 %.2f ms, p99 %.2f ms, %.0f lookups/s; SQLite (one) p50 %.2f ms, p99 %.2f ms, %.0f lookups/s; latency x%.2f (p50), x%.2f (p99)\n",
        m50, m99, r[1] + r[2], s50, s99, sr, m50 / s50, m99 / s99 }'
