#!/usr/bin/env bash
# The control room while the heaviest analysis runs (issue 13): first-contact lookups and
# health checks (wrk, 8 keep-alive connections) on an idle server, then while a
# 9,999-permutation near-repeat analysis over a year of every crime runs beside them; p99 of
# each and wrk's timed-out requests (a request stuck behind the analysis is not in wrk's
# latencies, only in its timeouts). Beside them a call handler's fresh connection every
# 50 ms (curl: a health check, then a lookup), the way a browser tab opens one: the slowest. With OLD_VIGIL (a build from before the analyses left the service
# lock) the same run against it, side by side.
# usage: bench/control_room.sh BUILD_DIR [SCALE=0.1] [OLD_VIGIL]
set -euo pipefail
build=$1; scale=${2:-0.1}; old=${3:-}
command -v wrk >/dev/null || { echo "control_room.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
make_db() { # binary path: the same synthetic force (seed 1) for each binary, in its own schema
    "$1" init -q --db "$2"
    "$1" synth -q --db "$2" --scale "$scale" --from 2013-07
    "$1" config set analysis.max_seconds 600 --db "$2" 2> /dev/null || true # no budget before issue 13
    for u in ch:call_handler an:analyst; do
        echo "bench password 1" | "$1" user add "${u%%:*}" --role "${u##*:}" --password-stdin --db "$2" > /dev/null
    done
}
db=$work/b.db
make_db "$build/vigil" "$db"
sqlite3 "$db" "SELECT given_names || '|' || family_name || '|' || coalesce(dob, '') FROM person ORDER BY random() LIMIT 5000" > "$work/people"
heavy='/api/analyses/near-repeat?from=2013-07&to=2014-06&distance_bands=0,10000,20000,40000&time_bands=0,7,14,21&permutations=9999'
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); store: scale $scale," \
     "$(sqlite3 "$db" 'SELECT count(*) FROM person') person records, $(sqlite3 "$db" 'SELECT count(*) FROM crime') crimes"

wait_for() { for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "control_room.sh: $1 never said '$2'" >&2; exit 1; }
p99() { awk '/latency p50/ {print $6}'; }          # from lookups.lua's "latency p50 X ms, p99 Y ms, max Z ms"
maxl() { awk '/latency p50/ {print $9}'; }
served() { awk '/^lookups:/ {print $2}'; }
p99_health() { awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}'; }

run() { # binary port label database
    local bin=$1 port=$2 label=$3 db=$4
    "$bin" serve --db "$db" --listen "127.0.0.1:$port" > "$work/$label.log" 2>&1 & pids+=($!); local spid=$!
    wait_for "$work/$label.log" "listening on port"
    local base=http://127.0.0.1:$port
    VIGIL_TOKEN=$(curl -s -X POST "$base/api/session" -d '{"username":"ch","password":"bench password 1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
    local an; an=$(curl -s -X POST "$base/api/session" -d '{"username":"an","password":"bench password 1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
    export VIGIL_TOKEN VIGIL_PEOPLE=$work/people
    local idle_l idle_h
    idle_l=$(wrk -t1 -c8 -d5s -s "$here/serve/lookups.lua" "$base" | p99)
    idle_h=$(wrk -t1 -c8 -d5s --latency "$base/api/health" | p99_health)
    local one; one=$(head -1 "$work/people" | awk -F'|' '{gsub(/ /, "%20"); printf "/api/lookup?given=%s&family=%s", $1, $2}')
    local t0; t0=$(date +%s.%N)
    curl -s -o "$work/$label.heavy" -w '%{http_code}' -H "Authorization: Bearer $an" "$base$heavy" > "$work/$label.status" & local cpid=$!
    sleep 0.3
    # measure for as long as the analysis runs (at least 2 s, at most 60 s)
    wrk -t1 -c8 -d60s -s "$here/serve/lookups.lua" "$base" > "$work/$label.load_l" & local w1=$!
    wrk -t1 -c8 -d60s --latency "$base/api/health" > "$work/$label.load_h" & local w2=$!
    ( while kill -0 "$cpid" 2>/dev/null; do
          curl -s -o /dev/null -m 60 -w '%{time_total}\n' "$base/api/health" >> "$work/$label.fresh_h"
          curl -s -o /dev/null -m 60 -w '%{time_total}\n' -H "Authorization: Bearer $VIGIL_TOKEN" \
              "$base$one" \
              >> "$work/$label.fresh_l"
          sleep 0.05
      done ) & local ppid=$!
    wait "$cpid"; local t1; t1=$(date +%s.%N); wait "$ppid" 2>/dev/null || true
    sleep 0.2; kill -INT "$w1" "$w2" 2>/dev/null || true; wait "$w1" "$w2" 2>/dev/null || true
    local load_l load_h; load_l=$(p99 < "$work/$label.load_l"); load_h=$(p99_health < "$work/$label.load_h")
    local took; took=$(echo "$t1 - $t0" | bc)
    printf '%s: the analysis answered %s after %.1f s\n' "$label" "$(cat "$work/$label.status")" "$took"
    printf '%s: lookups: idle p99 %s ms; while it ran %s served (%.0f/s), p99 %s ms, slowest %s ms\n' "$label" "$idle_l" \
        "$(served < "$work/$label.load_l")" "$(echo "$(served < "$work/$label.load_l") / $took" | bc -l)" "$load_l" \
        "$(maxl < "$work/$label.load_l")"
    printf '%s: health checks: idle p99 %s ms; while it ran p99 %s ms, slowest %s\n' "$label" "$idle_h" "$load_h" \
        "$(awk '$1 == "Latency" {print $4}' "$work/$label.load_h")"
    printf '%s: wrk requests that timed out (stuck 2 s or more): lookups %s, health %s\n' "$label" \
        "$(sed -n 's/.*timeout \([0-9]*\)).*/\1/p' "$work/$label.load_l" | grep . || echo 0)" \
        "$(sed -n 's/.*timeout \([0-9]*\).*/\1/p' "$work/$label.load_h" | head -1 | grep . || echo 0)"
    slowest() { sort -g "$1" | tail -1 | awk '{printf "%.1f", $1 * 1000}'; }
    printf '%s: fresh connections while it ran: %s health checks, slowest %s ms; %s lookups, slowest %s ms\n' "$label" \
        "$(wc -l < "$work/$label.fresh_h")" "$(slowest "$work/$label.fresh_h")" \
        "$(wc -l < "$work/$label.fresh_l")" "$(slowest "$work/$label.fresh_l")"
    sort -g "$work/$label.fresh_h" "$work/$label.fresh_l" | tail -1 | awk '{print $1 * 1000}' > "$work/$label.max"
    kill "$spid"; wait "$spid" 2>/dev/null || true
}
run "$build/vigil" 18095 vigil "$db"
if [ -n "$old" ]; then
    make_db "$old" "$work/before.db"
    run "$old" 18096 before "$work/before.db"
    awk -v a="$(cat "$work/before.max")" -v b="$(cat "$work/vigil.max")" \
        'BEGIN {printf "ratio: the slowest fresh request while the analysis ran, before / now: %.0f (%.0f ms / %.1f ms)\n", a / b, a, b}'
fi
