# vigil init creates a database; running it twice is harmless; other commands need one.
$ vigil stats --db missing.db
? 1
! ^vigil stats: missing.db: no database here; create one with 'vigil init --db missing.db'$

$ vigil init --db a.db
~ ^a.db: Vigil database ready \(schema version [0-9]+\)$

$ vigil init --db a.db && vigil init --db a.db
~ ^a.db: Vigil database ready \(schema version [0-9]+\)$

$ vigil stats --db a.db
~ ^  persons +0$
~ ^  Crime excluding fraud +0$

# --db defaults to $VIGIL_DB, then ./vigil.db
$ VIGIL_DB=a.db vigil stats --format json
~ "persons": 0
~ "crime_excluding_fraud": 0

$ vigil init && ls vigil.db
> vigil.db

# A file that is not a Vigil database is refused.
$ echo "not a database" > junk.db && vigil stats --db junk.db
? 1
! junk.db

$ sqlite3 other.db 'CREATE TABLE t(x INTEGER)' && vigil init --db other.db
? 3
! other.db: not a Vigil database
