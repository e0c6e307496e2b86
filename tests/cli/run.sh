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
#   #only: sqlite   (before a `$` line) that case runs on SQLite alone: it is about the
#                   file (its format, a .dump), not about what Vigil stores
#
# With VIGIL_TEST_PG set to a PostgreSQL server's connection query ("host=SOCKDIR&user=U",
# as tests/pg/cluster.sh gives), every run is against PostgreSQL: `vigil` and `sqlite3` in
# the cases are shims (tests/cli/pg-shim) that give each database name of a file (s.db)
# a database of its own on that server, run SQL with psql, and say the name back in what
# they print, so the same expectations hold on both backends.
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
    if [ -n "${VIGIL_TEST_PG:-}" ]; then
        printf '%s\n' "$bin" > "$work/.bin/real-vigil"
        ln -s "$here/pg-shim" "$work/.bin/vigil"
        ln -s "$here/pg-shim" "$work/.bin/sqlite3"
    else
        ln -s "$bin" "$work/.bin/vigil"
    fi
    cmd="" cmd_line=0 want=0 skip_next=0 skip=0
    exact=() regex=() stderr_re=() absent=()
    n=0
    while IFS= read -r l || [ -n "$l" ]; do
        n=$((n + 1))
        case "$l" in
        '$ '*)
            [ -n "$cmd" ] && [ "$skip" = 0 ] && check_case "$f" "$cmd_line" "$cmd" "$want"
            skip=$skip_next skip_next=0
            cmd=${l#\$ } cmd_line=$n want=0 exact=() regex=() stderr_re=() absent=() ;;
        '#only: sqlite') [ -n "${VIGIL_TEST_PG:-}" ] && skip_next=1 ;;
        '> '*) exact+=("${l#> }") ;;
        '~ '*) regex+=("${l#\~ }") ;;
        '! '*) stderr_re+=("${l#! }") ;;
        '- '*) absent+=("${l#- }") ;;
        '? '*) want=${l#\? } ;;
        '#'*|'') ;;
        *) echo "${f##*/}:$n: unrecognised line: $l"; fail=$((fail + 1)) ;;
        esac
    done <"$f"
    [ -n "$cmd" ] && [ "$skip" = 0 ] && check_case "$f" "$cmd_line" "$cmd" "$want"
    rm -rf "$work"
done
echo "cli tests: $((total - fail))/$total passed"
[ "$fail" -eq 0 ]
