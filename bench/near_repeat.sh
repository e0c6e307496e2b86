#!/usr/bin/env bash
# Near-repeat (Knox test, issue 7) side by side with its peers on the same data in the
# same run: Toby Davies' Python implementation (tobydavies/NearRepeat, stats/knox.py) and
# the R package NearRepeat (wsteenbeek/NearRepeat, R/NearRepeat.R). The peers are not in
# this repository: fetch them into a folder outside it and pass that folder; they are
# used as they are (imported / sourced), never built by this script. Their Debian
# dependencies: python3-sklearn python3-pandas python3-scipy, r-base-core
# r-cran-future.apply r-cran-progressr.
#
# Cases (Chicago residential burglary, ../shared/data/near-repeat):
#   A  2014 (12,334 events), 200 m x 7 days, Euclidean, 99 permutations: Vigil, Davies
#   B  2014-2017 (45,319 events), 11 distance x 10 time bands (100 m to 1,100 m, 7 to 70
#      days), 999 permutations: Vigil; Davies with a time and memory limit
#   C  the NearRepeat vignette (970 events), the vignette's bands, 999 permutations:
#      Vigil, R NearRepeat
#   D  (full only) case A with R NearRepeat (about 11 minutes)
# Every peer's observed table is compared cell by cell with Vigil's.
# usage: bench/near_repeat.sh BUILD_DIR PEERS_DIR [small|full] [RUNS=5]
#   PEERS_DIR holds tobydavies+NearRepeat/ and wsteenbeek+NearRepeat/ (either may be missing)
#   CASES="A B C D" to run only some; PEER_LIMIT (s, default 900) and PEER_MEM_GB (default 8)
#   bound each peer run (address space, as ulimit -v: more than its resident memory)
set -euo pipefail
build=$1; peers=$2; size=${3:-small}; runs=${4:-5}
data=${VIGIL_SHARED_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}/near-repeat
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
davies=$peers/tobydavies+NearRepeat; rpkg=$peers/wsteenbeek+NearRepeat
peer_limit=${PEER_LIMIT:-900}   # seconds before a peer run is stopped
peer_mem=${PEER_MEM_GB:-8}
py=${PYTHON:-/usr/bin/python3} # Debian's, with python3-sklearn and python3-pandas
awk -F, 'NR == 1 || substr($3, 7, 4) == "2014"' "$data/chicago_burglary_2014_2017.csv" > "$work/chicago_2014.csv"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
# runs vigil RUNS times; prints the median wall seconds and the peak resident memory; keeps the JSON
vigil_case() { # name args...
    local name=$1; shift
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f "%e %M" -o "$work/t" "$build/vigil" analyse near-repeat "$@" --format json > "$work/$name.json"
        cat "$work/t" >> "$work/$name.times"
    done
    local med mem
    med=$(cut -d' ' -f1 "$work/$name.times" | median); mem=$(cut -d' ' -f2 "$work/$name.times" | sort -n | tail -1)
    echo "$med" > "$work/$name.median"
    echo "  vigil: median $med s of $runs runs (whole process: read, pairs, permutations), peak RSS $((mem / 1024)) MiB"
}
# the observed table of a Vigil JSON answer, without the beyond row and column if asked
vigil_table() { # json drop_beyond(0|1)
    python3 -c "
import json, sys
d = json.load(open('$1'))
t = d['observed']
if $2: t = [r[:-1] for r in t[:-1]]
print(json.dumps(t, separators=(',', ':')))"
}
compare() { # label vigil_table_json peer_table_json
    if [ "$2" = "$3" ]; then echo "  observed tables equal ($1): yes"; else echo "  observed tables equal ($1): NO"; echo "    vigil: $2"; echo "    peer:  $3"; fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b + 0 > 0) printf "%.0f", b / a; else print "-" }'; }
cases=${CASES:-A B C D}
want() { [[ " $cases " == *" $1 "* ]]; }
# "stopped" with the peer's last words, when it did not finish
peer_said() { [ "$1" = stopped ] && echo "    (stopped after ${peer_limit} s or ${peer_mem} GB of address space: $(tail -1 "$2" 2>/dev/null))"; return 0; }

davies_run() { # csv s_bands t_bands n_iter -> prints seconds, writes $work/davies.table
    (ulimit -v $((peer_mem * 1024 * 1024)); timeout "$peer_limit" "$py" - "$davies" "$@" "$work/davies.table" <<'PY'
import json, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np, pandas as pd
import stats.knox as kx
csv, s_bands, t_bands, n_iter, out = sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
data = pd.read_csv(csv, parse_dates=['date_single'], dayfirst=True)
xy = data[['x', 'y']]
t = (data['date_single'] - pd.to_datetime('2014-01-01')).dt.days
start = time.perf_counter()
r = kx.knox_test(xy, t, s_bands, t_bands, n_iter=n_iter, interval_side='right', seed=1)
secs = time.perf_counter() - start
json.dump([[int(v) for v in row] for row in r.conting_observed.values], open(out, 'w'), separators=(',', ':'))
print(f"{secs:.3f}")
PY
    ) 2> "$work/davies.err" || { echo "stopped"; return 0; }
}

r_run() { # csv sds tds nrep -> prints seconds, writes $work/r.table
    (ulimit -v $((peer_mem * 1024 * 1024)); timeout "$peer_limit" /usr/bin/time -f "peak RSS %M KB" -o "$work/r.rss" Rscript --vanilla - "$rpkg/R/NearRepeat.R" "$@" "$work/r.table" <<'RS'
a <- commandArgs(trailingOnly = TRUE)
suppressMessages({ library(future.apply); library(progressr) })
source(a[1])
d <- read.csv(a[2], header = FALSE, col.names = c("X", "Y", "date"))
d$date <- as.Date(d$date)
sds <- eval(parse(text = a[3])); tds <- eval(parse(text = a[4]))
set.seed(1)
t0 <- Sys.time()
r <- suppressWarnings(NearRepeat(x = d$X, y = d$Y, time = d$date, sds = sds, tds = tds, method = "manhattan", nrep = as.integer(a[5])))
secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
o <- unclass(r$observed)
rows <- apply(o, 1, function(v) paste0("[", paste(as.integer(v), collapse = ","), "]"))
writeLines(paste0("[", paste(rows, collapse = ","), "]"), a[6])
cat(sprintf("%.3f\n", secs))
RS
    ) 2> "$work/r.err" | tail -1 || { echo "stopped"; return 0; }
}

if want A; then
echo "== A: 12,334 events (Chicago 2014), [0,200) m x [0,7) days, Euclidean, 99 permutations"
vigil_case A --input "$work/chicago_2014.csv" --date-format dd/mm/yyyy --distance-bands 0,200 --time-bands 0,7 --metric euclidean --permutations 99
if [ -d "$davies" ]; then
    secs=$(davies_run "$work/chicago_2014.csv" '[200]' '[7]' 99)
    echo "  Davies (Python): knox_test $secs s (reading the CSV not counted); Davies / Vigil: $(ratio "$(cat "$work/A.median")" "$secs")x"
    peer_said "$secs" "$work/davies.err"
    [ "$secs" != stopped ] && compare A "$(vigil_table "$work/A.json" 1)" "$(cat "$work/davies.table")"
fi
fi

if want B; then
echo "== B: 45,319 events (Chicago 2014-2017), 11 x 10 bands, 999 permutations"
vigil_case B --input "$data/chicago_burglary_2014_2017.csv" --date-format dd/mm/yyyy \
    --distance-bands 0,100,200,300,400,500,600,700,800,900,1000,1100 --time-bands 0,7,14,21,28,35,42,49,56,63,70 \
    --metric euclidean --permutations 999
echo "  close pairs: $(python3 -c "import json; print(json.load(open('$work/B.json'))['close_pairs'])")"
if [ -d "$davies" ] && [ "$size" = full ]; then
    secs=$(davies_run "$data/chicago_burglary_2014_2017.csv" '[100,200,300,400,500,600,700,800,900,1000,1100]' '[7,14,21,28,35,42,49,56,63,70]' 999)
    if [ "$secs" = stopped ]; then
        echo "  Davies (Python): stopped after ${peer_limit} s or ${peer_mem} GB ($(tail -1 "$work/davies.err" 2>/dev/null))"
    else
        echo "  Davies (Python): $secs s; Davies / Vigil: $(ratio "$(cat "$work/B.median")" "$secs")x"
        compare B "$(vigil_table "$work/B.json" 1)" "$(cat "$work/davies.table")"
    fi
fi
fi

if want C; then
echo "== C: the NearRepeat vignette (970 events), 0/0.1/200/400/600 m x 0/7/14/21 days, Manhattan, 999 permutations"
vigil_case C --input "$data/chicago_be_month1.csv" --distance-bands 0,0.1,200,400,600 --time-bands 0,7,14,21 --permutations 999
if [ -d "$rpkg" ]; then
    secs=$(r_run "$data/chicago_be_month1.csv" 'c(0, 0.1, 200, 400, 600, Inf)' 'c(0, 7, 14, 21, Inf)' 999)
    echo "  R NearRepeat: $secs s ($(cat "$work/r.rss" 2>/dev/null | tail -1)); R / Vigil: $(ratio "$(cat "$work/C.median")" "$secs")x"
    peer_said "$secs" "$work/r.err"
    [ "$secs" != stopped ] && compare C "$(vigil_table "$work/C.json" 0)" "$(cat "$work/r.table")"
fi
fi

if want D && [ -d "$rpkg" ] && [ "$size" = full ]; then
    echo "== D: case A with R NearRepeat (Manhattan, as the package computes by default)"
    python3 -c "
import csv
r = csv.DictReader(open('$work/chicago_2014.csv'))
with open('$work/chicago_2014_r.csv', 'w') as f:
    for row in r:
        d, m, y = row['date_single'].split('/')
        f.write(f\"{row['x']},{row['y']},{y}-{m}-{d}\n\")"
    vigil_case D --input "$work/chicago_2014_r.csv" --distance-bands 0,200 --time-bands 0,7 --permutations 99
    secs=$(r_run "$work/chicago_2014_r.csv" 'c(0, 200, Inf)' 'c(0, 7, Inf)' 99)
    echo "  R NearRepeat: $secs s ($(cat "$work/r.rss" 2>/dev/null | tail -1)); R / Vigil: $(ratio "$(cat "$work/D.median")" "$secs")x"
    peer_said "$secs" "$work/r.err"
    [ "$secs" != stopped ] && compare D "$(vigil_table "$work/D.json" 0)" "$(cat "$work/r.table")"
fi
