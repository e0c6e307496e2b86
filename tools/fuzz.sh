#!/usr/bin/env bash
# Replays each harness's seed corpus, then fuzzes it for a few seconds from there.
# New inputs go to build/fuzz/corpus-NAME, never into the tree. Fails if any harness
# crashes (the crashing input is kept as build/fuzz/crash-*).
# usage: tools/fuzz.sh SECONDS HARNESS...
set -uo pipefail
secs=$1; shift
fail=0
for bin in "$@"; do
    f=$(basename "$bin"); name=${f#fuzz_}
    seeds=tests/fuzz/corpus/$name; work=build/fuzz/corpus-$name
    mkdir -p "$work"
    log=build/fuzz/$f.log
    if ! "$bin" -runs=0 "$seeds" >"$log" 2>&1; then
        echo "== $f: replay of $seeds FAILED"; tail -n 30 "$log"; fail=1; continue
    fi
    echo "== $f: replayed $(ls "$seeds" | wc -l) seeds"
    if ! "$bin" -max_total_time="$secs" -artifact_prefix=build/fuzz/crash-"$name"- "$work" "$seeds" >"$log" 2>&1; then
        echo "== $f: fuzzing FAILED"; tail -n 30 "$log"; fail=1; continue
    fi
    echo "== $f: $(grep -o 'Done [0-9]* runs' "$log" | tail -1) in ${secs} s, no crash"
done
exit $fail
