#!/usr/bin/env bash
# Every list page (issue 16): the pages of the one list component, as a browser gets them
# (HTML, over loopback, a warm server), on a scale-1 store with an audit log of 100,000
# entries (far more than 10x what `vigil demo` writes): first pages, last pages, a page
# deep in the list by its cursor, sorted and filtered pages. Median and max of 5 runs of
# each. The audit entries added here are copies of real ones with new sequence numbers
# and times (the chain no longer verifies in this copy; listing does not read it).
# usage: bench/lists.sh BUILD_DIR STORE   (STORE: a scale-1 store, e.g. from
#        `vigil synth --scale 1 --to 2014-06`; it is copied, not changed)
set -euo pipefail
build=$1; store=$2
work=$(mktemp -d); spid=
cleanup() { [ -n "$spid" ] && kill "$spid" 2>/dev/null; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
db=$work/l.db
cp "$store" "$db"
"$build/vigil" init -q --db "$db"
for u in sup:supervisor aud:auditor adm:force_admin; do
    echo "bench password 1" | "$build/vigil" user add "${u%%:*}" --role "${u##*:}" --password-stdin --db "$db" > /dev/null
done
# the audit log to 100,000 entries, spread over the last year
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO audit_log (seq, at, user_id, username, agency, role, action, what, why, recipient, prev_hash, hash)
  SELECT (SELECT coalesce(max(seq), 0) FROM audit_log) + i, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-' || (i * 315) || ' seconds'),
         1 + i % 3, CASE i % 3 WHEN 0 THEN 'sup' WHEN 1 THEN 'aud' ELSE 'adm' END, 'force', 'supervisor',
         CASE WHEN i % 10 = 0 THEN 'alter' ELSE 'consult' END, 'incident:' || (i % 400000 + 1), 'bench', NULL, zeroblob(32), zeroblob(32)
  FROM n;
  UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_log);"
"$build/vigil" serve --db "$db" --listen 127.0.0.1:18431 > "$work/serve.log" 2>&1 & spid=$!
for _ in $(seq 1 600); do grep -q "listening" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
token() { curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"bench password 1\"}" \
          http://127.0.0.1:18431/api/session | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
sup=$(token sup); aud=$(token aud); adm=$(token adm)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); store:" \
     "$(sqlite3 "$db" 'SELECT count(*) FROM incident') incidents, $(sqlite3 "$db" 'SELECT count(*) FROM crime') crimes," \
     "$(sqlite3 "$db" 'SELECT count(*) FROM audit_log') audit entries"
la=$(sqlite3 "$db" "SELECT code FROM area WHERE kind = 'local_authority' AND parent_id IS NOT NULL LIMIT 1")
nb=$(sqlite3 "$db" "SELECT code FROM area WHERE kind = 'neighbourhood' LIMIT 1")
# the person party to the most incidents and crimes, and the place with the most incidents
hp=$(sqlite3 "$db" "SELECT person_id FROM (SELECT person_id FROM incident_person UNION ALL SELECT person_id FROM crime_person) GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
hl=$(sqlite3 "$db" "SELECT location_id FROM incident WHERE location_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
# a cursor deep in the incidents: the 200,000th newest
deep=$(sqlite3 "$db" "SELECT id || ':' || received_at FROM incident ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET 200000")
time_page() { # token path
    local t=() s
    for _ in 1 2 3 4 5; do
        s=$(curl -s -o "$work/page" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $1" "http://127.0.0.1:18431$2")
        [ "${s%% *}" = 200 ] || { echo "lists.sh: $2 answered ${s%% *}" >&2; exit 1; }
        t+=("${s#* }")
    done
    printf '%s\n' "${t[@]}" | sort -n | awk -v p="$2" '{v[NR] = $1 * 1000} END {printf "| `%s` | %.0f ms | %.0f ms |\n", p, v[3], v[5]}'
}
echo "| page | median | max |"
echo "|---|---:|---:|"
for p in "/incidents" "/incidents?last=1" "/incidents?after=$deep" "/incidents?sort=category&order=asc" \
         "/incidents?category=asb_personal&status=open" "/incidents?from=01/06/2014&to=30/06/2014&grade=immediate" \
         "/incidents?area=$la" "/incidents?area=$nb" "/incidents?vulnerable=1" \
         "/crimes" "/crimes?status=recorded&outcome=open" "/crimes?status=recorded&outcome=open&last=1" \
         "/crimes?vulnerable=1&sort=offence&order=asc" "/review" "/review?last=1" "/actions" "/cases" \
         "/victims" "/api/lists/victims" "/victims?last=1" "/victims?vulnerable=1" "/victims?entitlement=outcome&sort=victim&order=asc" \
         "/history?person=$hp" "/persons/$hp" "/incidents?location=$hl" "/locations/$hl"; do
    time_page "$sup" "$p"
done
for p in "/audit" "/audit?last=1" "/audit?username=sup&action=alter" "/audit?from=01/01/2026"; do time_page "$aud" "$p"; done
for p in "/admin/users" "/admin/users?sort=last_sign_in&order=desc"; do time_page "$adm" "$p"; done
