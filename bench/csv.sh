#!/usr/bin/env bash
# CSV parse throughput on all shared police.uk files: Vigil's reader (2 threads) side by
# side with DuckDB's read_csv (2 threads). Goal (issue 3): >= 1 GB/s on 2 cores.
# usage: bench/csv.sh BUILD_DIR [RUNS=7]
set -eu
build=$1; runs=${2:-7}
data=${VIGIL_SHARED_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}
files=("$data"/police-uk/*/*.csv)
read -r vs rows bytes < <("$build/bench/csv_throughput" 2 "$runs" "${files[@]}" 2>/dev/null)
read -r v1 rows1 bytes1 < <("$build/bench/csv_throughput" 1 "$runs" "${files[@]}" 2>/dev/null)
echo "vigil (1 thread):  median $(awk -v s="$v1" 'BEGIN{printf "%.1f ms", s*1000}'), $(awk -v s="$v1" -v b="$bytes1" 'BEGIN{printf "%.2f GB/s", b/s/1e9}')"
echo "vigil (2 threads): median $(awk -v s="$vs" 'BEGIN{printf "%.1f ms", s*1000}'), $(awk -v s="$vs" -v b="$bytes" 'BEGIN{printf "%.2f GB/s", b/s/1e9}') over $rows rows"
here=$(cd "$(dirname "$0")" && pwd)
if [ -d "$here/duckdb/node_modules" ]; then
    ds=()
    for i in $(seq 5); do ds+=("$(node "$here/duckdb/duck.mjs" count "${files[@]}" | cut -d' ' -f1)"); done
    dm=$(printf '%s\n' "${ds[@]}" | sort -g | sed -n 3p)
    echo "duckdb read_csv count(*) (2 threads): median ${dm} s, $(awk -v s="$dm" -v b="$bytes" 'BEGIN{printf "%.2f GB/s", b/s/1e9}')"
    echo "ratio: vigil is $(awk -v a="$dm" -v b="$vs" 'BEGIN{printf "%.1fx", a/b}') faster"
else
    echo "duckdb peer not installed: (cd bench/duckdb && npm ci)"
fi
