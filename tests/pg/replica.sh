#!/usr/bin/env bash
# replica.sh - reports read from a streaming replica (--read-db). A replica of the test
# cluster is made on the same machine (pg_basebackup, hot standby); with its replay paused
# a call recorded on the primary is in the primary's report and not yet in the one read
# from the replica; once the replica has caught up the two reports are the same. A write
# through the replica's URL is refused with a clear error, and the reports read from the
# replica are in the primary's audit log.
# usage: tests/pg/replica.sh VIGIL PRIMARY-DIR   (a cluster started by cluster.sh in it)
set -u
vigil=$1 primary=$2
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(cd "$here/../data" && pwd)
rdir=$(mktemp -d /tmp/vigil-replica.XXXXXX)
work=$(mktemp -d)
trap '"$here/cluster.sh" stop "$rdir"; rm -rf "$work"' EXIT
query=$("$here/cluster.sh" url "$primary"); query=${query#*\?}
P="postgresql:///replica_test?$query"
fail=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi; }

"$vigil" init -q --db "$P" && "$vigil" synth -q --db "$P" --scale 0.01 --to 2014-06 || exit 1
rurl=$("$here/cluster.sh" replica "$rdir" "$primary") || exit 1
R="postgresql:///replica_test?${rurl#*\?}"
caught_up() { # the replica has replayed all the primary has written
    local want
    want=$(psql -X -A -t "$P" -c "SELECT pg_current_wal_lsn()")
    for _ in $(seq 1 100); do
        [ "$(psql -X -A -t "$R" -c "SELECT pg_last_wal_replay_lsn() >= '$want'::pg_lsn")" = t ] && return 0
        sleep 0.1
    done
    return 1
}
report() { "$vigil" report performance --source records --to 2014-06 --format json "$@" | grep -v '"generated' ; }

check "the replica catches up" caught_up
report --db "$P" > "$work/primary" && report --db "$P" --read-db "$R" > "$work/replica" || fail=1
check "a report read from the replica equals the primary's" 'cmp -s "$work/primary" "$work/replica"'

psql -X -q "$R" -c "SELECT pg_wal_replay_pause()" > /dev/null
printf '{"received": "2014-06-15T21:00:00Z", "category": "asb_nuisance", "description": "Replica test: music all night", "location": {"address": "3 Station Lane", "postcode": "WX1 1AA"}}' > "$work/call.json"
"$vigil" incident add -q --db "$P" "$work/call.json" > /dev/null || fail=1
report --db "$P" > "$work/primary2"
report --db "$P" --read-db "$R" > "$work/replica2"
check "with replay paused, the replica's report is the one from before the call" \
    '! cmp -s "$work/primary2" "$work/replica2" && cmp -s "$work/replica" "$work/replica2"'
psql -X -q "$R" -c "SELECT pg_wal_replay_resume()" > /dev/null
check "the replica catches up again" caught_up
report --db "$P" --read-db "$R" > "$work/replica3"
check "once caught up, the replica's report is the primary's" 'cmp -s "$work/primary2" "$work/replica3"'

"$vigil" incident add --db "$R" "$work/call.json" > "$work/out" 2> "$work/err"
rc=$?
check "a write through the replica's URL is refused (exit $rc)" '[ $rc -ne 0 ]'
check "and says why: $(head -c 200 "$work/err")" 'grep -q "read-only (a replica?)" "$work/err"'
check "a bad --read-db is said at once" '! "$vigil" report performance --source records --to 2014-06 --db "$P" --read-db "postgresql:///nosuch?$query" 2>/dev/null >/dev/null'
n=$("$vigil" audit export --db "$P" | grep -c '"action":"consult"')
check "the reports read from the replica are in the primary's audit log ($n consultations)" '[ "$n" -ge 4 ]'
"$vigil" audit verify --db "$P" > /dev/null || fail=1
exit $fail
