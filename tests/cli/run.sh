#!/usr/bin/env bash
# Data-driven CLI tests: each tests/cli/*.t file is a script of commands run against the
# real binary in a fresh temporary directory, with expectations after each command:
#   $ COMMAND       run it with bash (the word `vigil` is the binary under test)
#   > TEXT          stdout has exactly this line
#   ~ REGEX         stdout has a line matching the extended regex
#   ! REGEX         stderr has a line matching the extended regex
#   - REGEX         stdout has NO line matching the regex
#   ? N             exit code is N (default 0)
#   # ...           comment
# usage: tests/cli/run.sh PATH/TO/vigil [FILE.t...]
set -u
bin=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
files=("$@")
[ ${#files[@]} -eq 0 ] && files=("$here"/*.t)
export VIGIL_SHARED_DATA=${VIGIL_SHARED_DATA:-$(cd "$here/../.." && pwd)/../shared/data}
export TESTDATA="$(cd "$here/../data" && pwd)"
fail=0; total=0

check_case() { # file line cmd exit-expect; expectations in global arrays
    local file=$1 line=$2 cmd=$3 want_rc=$4 out err rc
    total=$((total + 1))
    out=$(mktemp) err=$(mktemp)
    (cd "$work" && PATH="$work/.bin:$PATH" bash -c "$cmd") >"$out" 2>"$err"
    rc=$?
    local bad=""
    [ "$rc" = "$want_rc" ] || bad+="  exit code $rc, expected $want_rc"$'\n'
    local e
    for e in "${exact[@]+"${exact[@]}"}"; do grep -qxF -- "$e" "$out" || bad+="  stdout lacks line: $e"$'\n'; done
    for e in "${regex[@]+"${regex[@]}"}"; do grep -qE -- "$e" "$out" || bad+="  stdout matches nothing for: $e"$'\n'; done
    for e in "${stderr_re[@]+"${stderr_re[@]}"}"; do grep -qE -- "$e" "$err" || bad+="  stderr matches nothing for: $e"$'\n'; done
    for e in "${absent[@]+"${absent[@]}"}"; do grep -qE -- "$e" "$out" && bad+="  stdout should not match: $e"$'\n'; done
    if [ -n "$bad" ]; then
        fail=$((fail + 1))
        echo "FAIL ${file##*/}:$line: $cmd"
        printf '%s' "$bad"
        echo "  --- stdout"; head -n 20 "$out" | sed 's/^/  | /'
        echo "  --- stderr"; head -n 10 "$err" | sed 's/^/  | /'
    fi
    rm -f "$out" "$err"
}

for f in "${files[@]}"; do
    if grep -q '^#requires: shared-data' "$f" && [ ! -d "$VIGIL_SHARED_DATA" ]; then
        echo "SKIP ${f##*/}: $VIGIL_SHARED_DATA not found"
        continue
    fi
    work=$(mktemp -d)
    mkdir -p "$work/.bin"
    ln -s "$bin" "$work/.bin/vigil"
    cmd="" cmd_line=0 want=0
    exact=() regex=() stderr_re=() absent=()
    n=0
    while IFS= read -r l || [ -n "$l" ]; do
        n=$((n + 1))
        case "$l" in
        '$ '*)
            [ -n "$cmd" ] && check_case "$f" "$cmd_line" "$cmd" "$want"
            cmd=${l#\$ } cmd_line=$n want=0 exact=() regex=() stderr_re=() absent=() ;;
        '> '*) exact+=("${l#> }") ;;
        '~ '*) regex+=("${l#\~ }") ;;
        '! '*) stderr_re+=("${l#! }") ;;
        '- '*) absent+=("${l#- }") ;;
        '? '*) want=${l#\? } ;;
        '#'*|'') ;;
        *) echo "${f##*/}:$n: unrecognised line: $l"; fail=$((fail + 1)) ;;
        esac
    done <"$f"
    [ -n "$cmd" ] && check_case "$f" "$cmd_line" "$cmd" "$want"
    rm -rf "$work"
done
echo "cli tests: $((total - fail))/$total passed"
[ "$fail" -eq 0 ]
