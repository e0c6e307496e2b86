#!/usr/bin/env bash
# vigil serve under load (issue 5): wrk on loopback against GET /api/health and against
# first-contact lookups (each with its session check and audit write), then the same
# lookups through bench/epoll_ceiling (a minimal epoll server doing the same work) as
# the ceiling, and the ratio. Optionally a soak at 256 connections with the resident
# memory before and after.
# usage: bench/serve.sh BUILD_DIR [SECONDS=30] [SOAK_SECONDS=0] [SCALE=0.25] [CONNECTIONS=64]
set -euo pipefail
build=$1; secs=${2:-30}; soak=${3:-0}; scale=${4:-0.25}; conns=${5:-64}
command -v wrk >/dev/null || { echo "serve.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
db=$work/b.db
"$build/vigil" init -q --db "$db"
"$build/vigil" synth -q --db "$db" --scale "$scale" --from 2013-07
"$build/vigil" match train --db "$db" > /dev/null
echo "bench password 1" | "$build/vigil" user add ch --role call_handler --password-stdin --db "$db" > /dev/null
sqlite3 "$db" "SELECT given_names || '|' || family_name || '|' || coalesce(dob, '') FROM person ORDER BY random() LIMIT 5000" > "$work/people"
wait_for() { for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "serve.sh: $1 never said '$2'" >&2; exit 1; }
"$build/vigil" serve --db "$db" --listen 127.0.0.1:18090 > "$work/serve.log" 2>&1 & pids+=($!); spid=$!
wait_for "$work/serve.log" "listening on port"
token=$(curl -s -X POST http://127.0.0.1:18090/api/session -d '{"username":"ch","password":"bench password 1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
export VIGIL_TOKEN=$token VIGIL_PEOPLE=$work/people
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); store: scale $scale, $(sqlite3 "$db" 'SELECT count(*) FROM person') person records"
echo "== vigil serve: GET /api/health, $conns connections, $secs s"
wrk -t2 -c"$conns" -d"${secs}s" --latency http://127.0.0.1:18090/api/health | grep -E "Requests/sec|Latency |99%|Non-2xx|Socket errors"
echo "== vigil serve: lookups, $conns connections, $secs s"
wrk -t2 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18090 | grep -E "Requests/sec|lookups:|latency p50"
vigil_rps=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18090 | awk '/Requests\/sec/ {print $2}')
echo "   (second run: $vigil_rps lookups/s)"
if [ "$soak" -gt 0 ]; then
    # twice: the first run warms SQLite's page cache (128 MB) while the audit log grows;
    # the second shows whether memory still grows once the caches are full
    for round in 1 2; do
        rss0=$(ps -o rss= -p "$spid")
        echo "== soak $round: lookups, 256 connections, $soak s (resident memory before: $((rss0 / 1024)) MB)"
        wrk -t2 -c256 -d"${soak}s" --timeout 10s -s "$here/serve/lookups.lua" http://127.0.0.1:18090 | grep -E "Requests/sec|lookups:|latency p50"
        rss1=$(ps -o rss= -p "$spid")
        awk -v a="$rss0" -v b="$rss1" 'BEGIN {printf "resident memory after: %d MB (%+.1f%%)\n", b / 1024, (b - a) * 100 / a}'
    done
fi
kill "$spid"; wait "$spid" 2>/dev/null || true
if grep -qE "warn|error" "$work/serve.log"; then
    echo "== the server's warnings and errors (count, message)"
    grep -E "warn|error" "$work/serve.log" | sed 's/[0-9][0-9]*/N/g' | sort | uniq -c | sort -rn | head -20
fi
echo "== ceiling: bench/epoll_ceiling, the same lookups"
"$build/bench/epoll_ceiling" "$db" 18091 > "$work/ceiling.log" 2>&1 & pids+=($!)
wait_for "$work/ceiling.log" "listening on port"
ceil_rps=$(wrk -t2 -c"$conns" -d"${secs}s" -s "$here/serve/lookups.lua" http://127.0.0.1:18091 | tee "$work/ceil.out" | awk '/Requests\/sec/ {print $2}')
grep -E "Requests/sec|lookups:|latency p50" "$work/ceil.out"
awk -v v="$vigil_rps" -v c="$ceil_rps" 'BEGIN {printf "ratio: vigil serve does %.2f of the ceiling'"'"'s lookups/s (%.0f vs %.0f)\n", v / c, v, c}'
