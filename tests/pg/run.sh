#!/usr/bin/env bash
# run.sh - the test suites against PostgreSQL: a throwaway cluster in a temporary folder
# (cluster.sh: initdb, a Unix socket, no network), the schema agreement of the two
# dialects, the CLI suite and the API suites through it, then the cluster stopped and
# removed whatever happened.
# usage: tests/pg/run.sh PATH/TO/vigil [API-TEST-PROGRAM...]
set -u
vigil=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
trap '"$here/cluster.sh" stop "$dir"' EXIT
url=$("$here/cluster.sh" start "$dir") || exit 1
export VIGIL_TEST_PG=${url#*\?}
fail=0
echo "== PostgreSQL: the schemas of the two dialects"
"$here/schema-agree.sh" "$vigil" "$VIGIL_TEST_PG" || fail=1
echo "== PostgreSQL: the CLI tests"
"$root/tests/cli/run.sh" "$vigil" || fail=1
echo "== PostgreSQL: a streaming replica for reports (--read-db)"
"$here/replica.sh" "$vigil" "$dir" || fail=1
echo "== PostgreSQL: the analytics export read back with DuckDB"
"$root/tests/export/facts.sh" "$vigil" "postgresql:///facts_export?$VIGIL_TEST_PG" || fail=1
echo "== PostgreSQL: the API tests"
for t in "$@"; do "$t" "$vigil" || fail=1; done
exit $fail
