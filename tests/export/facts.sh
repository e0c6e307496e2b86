#!/usr/bin/env bash
# facts.sh - `vigil export facts` read back with DuckDB: a synthetic force's year exported,
# each table's rows counted in DuckDB from the CSV and from the Parquet the documented
# one-line conversion makes, against the store's own counts (SQL on the database itself).
# usage: tests/export/facts.sh VIGIL [DB]   (DB: a postgres:// URL; default a SQLite file)
set -u
vigil=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${2:-$work/f.db}
if [ ! -d "$here/../../bench/duckdb/node_modules/@duckdb" ]; then
    (cd "$here/../../bench/duckdb" && npm ci --no-audit --no-fund >/dev/null) || { echo "facts.sh: cannot install DuckDB" >&2; exit 1; }
fi
"$vigil" init -q --db "$db" && "$vigil" synth -q --db "$db" --scale 0.01 --to 2014-06 || exit 1
"$vigil" export facts -q --db "$db" --from 2013-07 --to 2014-06 --out "$work/out" || exit 1
sql() { case "$db" in postgres*) psql -X -A -t "$db" -c "$1" ;; *) sqlite3 "$db" "$1" ;; esac; }
want_crimes=$(sql "SELECT count(*) FROM crime WHERE recorded_at >= '2013-07-01' AND recorded_at < '2014-07-01'")
want_incidents=$(sql "SELECT count(*) FROM incident WHERE received_at >= '2013-07-01' AND received_at < '2014-07-01'")
want_outcomes=$(sql "SELECT count(*) FROM crime WHERE outcome > 0 AND outcome_at >= '2013-07-01' AND outcome_at < '2014-07-01'")
fail=0
while read -r table csv parquet years forces; do
    eval "want=\${want_$table:-none}"
    if [ "$csv" = "$want" ] && [ "$parquet" = "$want" ] && [ "$years" = 2 ] && [ "$forces" = 1 ] && [ "$want" -gt 0 ]; then
        echo "ok: $table: $want rows in the store, in DuckDB from the CSV and from the Parquet (2 years, 1 force)"
    else
        echo "FAIL: $table: the store has $want, DuckDB read $csv from the CSV and $parquet from the Parquet ($years years, $forces forces)"
        fail=1
    fi
done < <(node "$here/facts.mjs" "$work/out" || echo "duckdb failed - - - -")
n=$("$vigil" audit export --db "$db" | grep -c '"action":"disclose","what":"analytics export 2013-07 to 2014-06')
[ "$n" = 1 ] && echo "ok: the export is one disclosure in the audit log" || { echo "FAIL: the export's audit entries: $n"; fail=1; }
exit $fail
