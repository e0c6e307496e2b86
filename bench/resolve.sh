#!/usr/bin/env bash
# Resolved persons (issue 15), side by side in one run with the peer a data engineer would
# pick where Splink is not to hand: PostgreSQL 15 with pg_trgm, blocking on date of birth,
# phone and home address, trigram similarity of the whole name, and connected components
# in SQL (label propagation until nothing changes). Both cluster the same person records
# of the synthetic force and are scored against its hidden truth by the same code
# (build/bench/resolve_eval --labels). Starts a throwaway PostgreSQL cluster on a Unix
# socket under /tmp (as root it runs as the postgres user) and removes it afterwards.
# usage: bench/resolve.sh BUILD_DIR [SCALE=1] [TRIGRAM_THRESHOLD=0.5]
set -euo pipefail
build=$(cd "$1" && pwd); scale=${2:-1}; sim=${3:-0.5}
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/initdb" ] || { echo "resolve.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
work=$(mktemp -d /tmp/vigil-resolve.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
stop() { as_pg "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT
now() { date +%s.%N; }
db="$work/r.db"
"$build/vigil" init -q --db "$db"
"$build/vigil" synth -q --db "$db" --scale "$scale" --from 2013-07
"$build/vigil" match train --db "$db" | head -n 1

echo "== Vigil: vigil match resolve (index built from the store, clustered, written back)"
t0=$(now)
"$build/vigil" match resolve --db "$db"
t1=$(now)
"$build/vigil" match clusters --db "$db" > "$work/vigil.csv"
echo "wall time of vigil match resolve: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
"$build/bench/resolve_eval" "$db" --labels "$work/vigil.csv"

echo "== PostgreSQL $(basename "$(dirname "$pgbin")") pg_trgm + connected components in SQL (similarity >= $sim)"
# the same records: names, date of birth, first phone, first home address
sqlite3 -csv "$db" "SELECT p.id, lower(trim(p.given_names || ' ' || p.family_name)), p.dob,
  (SELECT replace(value, ' ', '') FROM person_contact c WHERE c.person_id = p.id AND c.kind = 'phone' ORDER BY c.id LIMIT 1),
  (SELECT upper(replace(l.postcode, ' ', '')) || '|' || lower(coalesce(l.number, l.building, '')) FROM person_location pl
     JOIN location l ON l.id = pl.location_id WHERE pl.person_id = p.id AND pl.kind = 'home' ORDER BY pl.location_id LIMIT 1)
  FROM person p" > "$work/recs.csv"
chmod 644 "$work/recs.csv"
as_pg "$pgbin/initdb" -D "$work/data" -A trust -U vigil >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w start \
    -o "-k $work -p 55433 -c listen_addresses= -c shared_buffers=2GB -c work_mem=256MB -c maintenance_work_mem=2GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
psql() { "$pgbin/psql" -h "$work" -p 55433 -U vigil -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -c "CREATE EXTENSION pg_trgm" -c "CREATE TABLE rec (id bigint PRIMARY KEY, name text, dob date, phone text, home text)" \
     -c "\\copy rec FROM '$work/recs.csv' CSV"
t0=$(now)
psql -c "SET pg_trgm.similarity_threshold = $sim" -c "
CREATE TABLE pair AS
  SELECT a.id AS a, b.id AS b FROM rec a JOIN rec b ON a.dob = b.dob AND a.id < b.id WHERE a.name % b.name
  UNION SELECT a.id, b.id FROM rec a JOIN rec b ON a.phone = b.phone AND a.id < b.id WHERE a.name % b.name
  UNION SELECT a.id, b.id FROM rec a JOIN rec b ON a.home = b.home AND a.id < b.id
    WHERE similarity(a.name, b.name) >= greatest($sim, 0.7)" \
     -c "CREATE TABLE edge AS SELECT a AS id, b AS o FROM pair UNION ALL SELECT b, a FROM pair" \
     -c "CREATE INDEX ON edge (id)" -c "CREATE TABLE lab AS SELECT id, id AS l FROM rec" -c "ALTER TABLE lab ADD PRIMARY KEY (id)"
rounds=0
while :; do
    rounds=$((rounds + 1))
    n=$(psql -c "WITH m AS (SELECT e.id, min(y.l) AS l FROM edge e JOIN lab y ON y.id = e.o GROUP BY e.id)
                 UPDATE lab SET l = m.l FROM m WHERE lab.id = m.id AND m.l < lab.l RETURNING 1" | wc -l)
    [ "$n" -eq 0 ] && break
done
t1=$(now)
psql -c "\\copy (SELECT id, l FROM lab) TO '$work/pg.csv' CSV"
echo "pairs $(psql -c 'SELECT count(*) FROM pair'), persons $(psql -c 'SELECT count(DISTINCT l) FROM lab'), label rounds $rounds"
echo "wall time of the SQL (pairs and components; the load not counted): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s"
"$build/bench/resolve_eval" "$db" --labels "$work/pg.csv"
