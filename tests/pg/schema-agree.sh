#!/usr/bin/env bash
# schema-agree.sh - the SQLite and PostgreSQL migrations make the same schema: the same
# tables, columns (with their types and NOT NULL), primary keys, unique constraints,
# foreign keys and indexes (with their columns, and whether partial). Each side is written
# out as sorted lines in one vocabulary and the two are compared; a difference is printed
# as a diff and fails the test.
#
# Types: SQLite INTEGER = bigint, TEXT = text, REAL = double precision, BLOB = bytea.
# SQLite's implicit rowid is a column named rowid in the PostgreSQL tables that read it
# (the parties of incidents and crimes, the police.uk rows): it is left out here.
#
# usage: tests/pg/schema-agree.sh VIGIL PG-QUERY   (PG-QUERY: "host=SOCKDIR&user=U")
set -eu
vigil=$1 pgq=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="schema_agree_$$"
"$vigil" init -q --db "$work/s.db"
"$vigil" init -q --db "postgresql:///$db?$pgq"
url="postgresql:///$db?$pgq"

sqlite3 "$work/s.db" >"$work/sqlite.txt" <<'SQL'
SELECT 'column ' || m.name || ' ' || p.name || ' ' ||
       CASE upper(p.type) WHEN 'INTEGER' THEN 'int' WHEN 'TEXT' THEN 'text' WHEN 'REAL' THEN 'real'
                          WHEN 'BLOB' THEN 'blob' ELSE lower(p.type) END ||
       CASE WHEN p."notnull" OR p.pk > 0 THEN ' not-null' ELSE '' END
  FROM sqlite_schema m JOIN pragma_table_info(m.name) p
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%';
SELECT 'primary-key ' || m.name || ' ' ||
       (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(m.name) WHERE pk > 0 ORDER BY pk))
  FROM sqlite_schema m
 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE pk > 0);
SELECT 'unique ' || m.name || ' ' ||
       (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno))
  FROM sqlite_schema m JOIN pragma_index_list(m.name) l
 WHERE m.type = 'table' AND l.origin = 'u';
SELECT 'foreign-key ' || m.name || ' ' || f."from" || ' ' || f."table" || ' ' || coalesce(f."to", 'id')
  FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table';
SELECT 'index ' || m.tbl_name || ' ' || m.name || ' ' ||
       (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(m.name) ORDER BY seqno)) ||
       CASE WHEN m.sql LIKE '% WHERE %' THEN ' partial' ELSE '' END
  FROM sqlite_schema m WHERE m.type = 'index' AND m.sql IS NOT NULL;
SQL

psql -X -q -A -t -v ON_ERROR_STOP=1 "$url" >"$work/pg.txt" <<'SQL'
SELECT 'column ' || c.table_name || ' ' || c.column_name || ' ' ||
       CASE c.data_type WHEN 'bigint' THEN 'int' WHEN 'text' THEN 'text' WHEN 'double precision' THEN 'real'
                        WHEN 'bytea' THEN 'blob' ELSE c.data_type END ||
       CASE WHEN c.is_nullable = 'NO' THEN ' not-null' ELSE '' END
  FROM information_schema.columns c
 WHERE c.table_schema = current_schema() AND c.column_name <> 'rowid';
SELECT CASE k.contype WHEN 'p' THEN 'primary-key ' ELSE 'unique ' END || t.relname || ' ' ||
       (SELECT string_agg(a.attname, ',' ORDER BY x.n) FROM unnest(k.conkey) WITH ORDINALITY x(att, n)
          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.att)
  FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
 WHERE k.contype IN ('p', 'u') AND t.relnamespace = current_schema()::regnamespace;
SELECT 'foreign-key ' || t.relname || ' ' || a.attname || ' ' || r.relname || ' ' || ra.attname
  FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
  JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
 WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace;
SELECT 'index ' || t.relname || ' ' || ic.relname || ' ' ||
       (SELECT string_agg(a.attname, ',' ORDER BY x.n) FROM unnest(i.indkey::int2[]) WITH ORDINALITY x(att, n)
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.att) ||
       CASE WHEN i.indpred IS NOT NULL THEN ' partial' ELSE '' END
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
 WHERE t.relnamespace = current_schema()::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
SQL

sort -o "$work/sqlite.txt" "$work/sqlite.txt"
sort -o "$work/pg.txt" "$work/pg.txt"
psql -X -q "postgresql:///postgres?$pgq" -c "DROP DATABASE \"$db\"" >/dev/null 2>&1 || true
if diff -u "$work/sqlite.txt" "$work/pg.txt" >"$work/diff"; then
    echo "schemas agree: $(grep -c '^column' "$work/sqlite.txt") columns, $(grep -c '^index' "$work/sqlite.txt") indexes, $(grep -c '^foreign-key' "$work/sqlite.txt") foreign keys"
else
    echo "the SQLite and PostgreSQL schemas differ (- SQLite, + PostgreSQL):"
    cat "$work/diff"
    exit 1
fi
