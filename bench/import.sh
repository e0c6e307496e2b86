#!/usr/bin/env bash
# Importing all shared police.uk files (66 files, 124 MB, 610k rows): vigil import
# (validation, dictionary encoding, counts, idempotency) side by side with the sqlite3
# shell's .import into one plain table, and DuckDB read_csv into a table plus the
# per-force, per-type aggregation. Goal (issue 3): vigil >= 2x faster than sqlite3 .import.
# usage: bench/import.sh PATH/TO/vigil [RUNS=5]
set -eu
bin=$1; runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
data=${VIGIL_SHARED_DATA:-$here/../../shared/data}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
files=("$data"/police-uk/*/*.csv)
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# wall time of a command (its output discarded), in seconds
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); awk -v s="$s" -v e="$e" 'BEGIN{printf "%.3f", e-s}'; }

vs=(); ss=(); ds=()
{ echo "CREATE TABLE street (crime_id TEXT, month TEXT, reported_by TEXT, falls_within TEXT, longitude TEXT, latitude TEXT, location TEXT, lsoa_code TEXT, lsoa_name TEXT, crime_type TEXT, last_outcome TEXT, context TEXT);"
  for f in "${files[@]}"; do echo ".import --csv --skip 1 $f street"; done; } >"$work/sq.sql"
cat "${files[@]}" >/dev/null # warm the page cache
for i in $(seq "$runs"); do
    rm -f "$work"/v.db* "$work"/s.db
    "$bin" init -q --db "$work/v.db"
    vs+=("$(t "$bin" import police-uk -q --db "$work/v.db" "$data/police-uk")")
    ss+=("$(t sqlite3 "$work/s.db" ".read $work/sq.sql")")
    if [ -d "$here/duckdb/node_modules" ]; then
        ds+=("$(t node "$here/duckdb/duck.mjs" import "${files[@]}")")
    fi
done
vm=$(median "${vs[@]}"); sm=$(median "${ss[@]}")
echo "vigil import police-uk:  median ${vm} s  (runs: ${vs[*]})"
echo "sqlite3 .import:         median ${sm} s  (runs: ${ss[*]})"
echo "ratio: vigil is $(awk -v a="$sm" -v b="$vm" 'BEGIN{printf "%.2fx", a/b}') faster than sqlite3 .import (goal 2x)"
if [ ${#ds[@]} -gt 0 ]; then
    dm=$(median "${ds[@]}")
    echo "duckdb read_csv+group by: median ${dm} s  (runs: ${ds[*]}; includes node start-up)"
    echo "ratio: vigil is $(awk -v a="$dm" -v b="$vm" 'BEGIN{printf "%.2fx", a/b}') the speed of DuckDB"
fi
echo "rows: vigil $(sqlite3 "$work/v.db" 'SELECT count(*) FROM od_street') (a duplicated file counted once), sqlite3 $(sqlite3 "$work/s.db" 'SELECT count(*) FROM street')"
