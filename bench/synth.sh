#!/usr/bin/env bash
# Benchmark: time and peak memory of `vigil synth` (scale 1, 12 months), median of runs.
# Goal (issue 2): under 60 s and under 2 GB on a 2-core machine.
# usage: bench/synth.sh PATH/TO/vigil [RUNS=3] [SCALE=1]
set -eu
bin=$1; runs=${2:-3}; scale=${3:-1}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
secs=(); mems=()
for i in $(seq "$runs"); do
    rm -f "$work"/b.db*
    "$bin" init -q --db "$work/b.db"
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" synth -q --db "$work/b.db" --scale "$scale" --seed "$i" --from 2013-07
    read -r s kb <"$work/time"
    secs+=("$s"); mems+=("$kb")
    echo "run $i: ${s} s, peak RSS $((kb / 1024)) MiB, database $(du -m "$work/b.db" | cut -f1) MiB"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ms=$(median "${secs[@]}"); mk=$(median "${mems[@]}")
echo "synth scale $scale, 12 months: median ${ms} s (goal 60 s: $(awk -v s="$ms" 'BEGIN{printf "%.2fx under", 60/s}')), median peak RSS $((${mk%.*} / 1024)) MiB (goal 2048 MiB)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
