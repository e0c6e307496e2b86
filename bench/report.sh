#!/usr/bin/env bash
# The performance report over the whole Home Office table (46,469 rows): wall time of
# `vigil report performance` (process start to exit), median of RUNS. Goal: <= 100 ms.
# usage: bench/report.sh PATH/TO/vigil [RUNS=21]
set -eu
bin=$1; runs=${2:-21}
here=$(cd "$(dirname "$0")" && pwd)
data=${VIGIL_SHARED_DATA:-$here/../../shared/data}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" init -q --db "$work/r.db"
"$bin" import recorded-crime -q --db "$work/r.db" "$data/home-office/rec-crime-pfa.csv"
"$bin" import population -q --db "$work/r.db" "$data/ons/population_policeforces.csv"
ts=()
for i in $(seq "$runs"); do
    s=$(date +%s%N)
    "$bin" report performance --db "$work/r.db" --force Hampshire --to 2014-06 --compare "Thames Valley,Surrey,Sussex" --format json >/dev/null
    e=$(date +%s%N)
    ts+=("$(( (e - s) / 1000 ))")
done
m=$(printf '%s\n' "${ts[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "vigil report performance (home-office, 3 compared forces, 17-quarter series): median $(awk -v u="$m" 'BEGIN{printf "%.1f ms", u/1000}') (goal 100 ms)"
