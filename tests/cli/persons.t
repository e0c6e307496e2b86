# A force's old nominal records brought in: `vigil import persons` reads them through a
# column map (several address columns joined, dates in the old system's format), writes
# them in one transaction and resolves them into persons with every other record; a bad
# row is named (file:line: field: reason), exit 3, and nothing is written. `vigil match
# clusters` gives record_id,source_id,person_id for checking the migration.

$ vigil init -q --db p.db && vigil import persons $TESTDATA/persons/legacy.csv --db p.db --map source_id=NOMINAL_REF,given=FORENAMES,family=SURNAME,dob=BIRTH_DATE:yyyymmdd,phone=TEL,address=ADDR1+ADDR2+TOWN,postcode=PCODE
> imported persons: 6 person records (5 with a date of birth, 3 a phone, 4 a home address)
~ ^  resolved: the store's 6 person records are 4 persons

# three records of Aidan Horsley (a spelling, a day and month swapped) are one person; the
# Quinces share an address and stay two
$ vigil match clusters --db p.db
> record_id,source_id,person_id
> 1,N000101,1
> 2,N000102,1
> 3,N000103,1
> 4,N000104,4
> 5,N000105,5
> 6,N000106,6

$ sqlite3 p.db "SELECT p.given_names, l.number, l.street, l.postcode FROM person p JOIN person_location pl ON pl.person_id = p.id JOIN location l ON l.id = pl.location_id WHERE pl.kind = 'home' ORDER BY p.id"
> Aidan|25|rosenthal street|IR4 7QT
> Aiden|25|rosenthal street|IR4 7QT
> Bartholomew|3|mill lane|IR4 7QU
> Mary|3|mill lane|IR4 7QU

# a call about him finds the person, with its three records behind the briefing
$ vigil lookup --db p.db --given Aidan --family Horsley --dob 1916-10-04 --format json
~ "resolved_person_id": 1,
~ "records": 3,
~ "band": "certain",

# the collection is in the audit log, naming every record
$ vigil audit export --db p.db | grep '"action":"collect"' | grep -o '"person:[0-9]*"' | wc -l
> 6

# bad rows: the place and the reason, exit 3, nothing written
$ vigil import persons $TESTDATA/persons/bad-date.csv --db p.db --map source_id=NOMINAL_REF,given=FORENAMES,family=SURNAME,dob=BIRTH_DATE:yyyymmdd
? 3
! bad-date\.csv:3: dob: '1931-05-17' is not a date written yyyymmdd

$ vigil import persons $TESTDATA/persons/dup.csv --db p.db --map source_id=1,family=2,given=3
? 3
! dup\.csv:3: source_id: N000301 is in this file twice \(line 2 too\)

$ vigil import persons $TESTDATA/persons/legacy.csv --db p.db --map source_id=1,family=2,given=3
? 3
! legacy\.csv:2: source_id: N000101 was imported before \(person record 1\)

$ sqlite3 p.db "SELECT count(*) FROM person"
> 6

$ vigil import persons $TESTDATA/persons/legacy.csv --db p.db --map source_id=REF,family=SURNAME
? 3
! legacy\.csv:1: --map: column 'REF' is not in the file's header

$ vigil import persons $TESTDATA/persons/legacy.csv --db p.db --map source_id=1,family=2,dob=4:mm/dd/yy
? 3
! --map: dob format 'mm/dd/yy' is not one of

$ vigil import persons $TESTDATA/persons/legacy.csv --db p.db --map family=2
? 3
! --map: source_id=COLUMN is needed

$ vigil import persons $TESTDATA/persons/legacy.csv --db p.db
? 2
! import persons needs --map

$ printf 'ref,surname,born\nA1,Smith,31/02/1980\n' > feb.csv && vigil import persons feb.csv --db p.db --map source_id=ref,family=surname,dob=born:dd/mm/yyyy
? 3
! feb\.csv:2: dob: '31/02/1980' is not a date written dd/mm/yyyy

$ printf 'ref,surname,born\nA1,Smith,01/02/1820\n' > old.csv && vigil import persons old.csv --db p.db --map source_id=ref,family=surname,dob=born:dd/mm/yyyy
? 3
! old\.csv:2: dob: 1820-02-01 is not a plausible date of birth

$ printf 'ref,surname,tel\nA1,Smith,not a number\n' > tel.csv && vigil import persons tel.csv --db p.db --map source_id=ref,family=surname,phone=tel
? 3
! tel\.csv:2: phone: not a telephone number

$ sqlite3 p.db "SELECT count(*) FROM person"
> 6

# Who looked at him? Asked through any one of his records: every entry that names any of
# them (the import, the clusters export and the lookup above) and none that names only
# others (Mary's lookup)
$ vigil lookup --db p.db --given Mary --family Quince --dob 1957-11-30 > /dev/null && vigil audit export --db p.db --person 3 > who.jsonl && grep -c '"records":\[[^]]*"person:[123]"' who.jsonl && wc -l < who.jsonl && grep -c '"action":"collect","what":"import of 6 person records' who.jsonl && grep -c '"why":"first contact: lookup"' who.jsonl
> 3
> 3
> 1
> 1

$ vigil audit export --db p.db --person 5 | grep '"why":"first contact: lookup"' | grep -c '"records":\["person:5"\]'
> 1

$ vigil audit export --db p.db --person x
? 2
! --person must be a person record's id

# A person's word over the model: record 3 (Aidan James, born 10 April) is another man;
# the Quinces are one (a record entered twice with the spouse's name); undone with a reason.
# Every resolve afterwards keeps the decisions that stand.
$ vigil match different 1 3 --reason "N000103 is his cousin: checked with the custody record" --db p.db && vigil match clusters --db p.db | grep -E '^(1|2|3),'
> decision 1 recorded: their records are now 2 persons
> 1,N000101,1
> 2,N000102,1
> 3,N000103,3

$ vigil match same 4 5 --reason "one person entered twice" --db p.db && vigil match resolve --db p.db > /dev/null && vigil match clusters --db p.db | grep -E '^(3|4|5),'
> decision 2 recorded: their records are now 1 person
> 3,N000103,3
> 4,N000104,4
> 5,N000105,4

$ vigil match undo 2 --reason "they are a couple after all" --db p.db && vigil match clusters --db p.db | grep -E '^(4|5),' && vigil match decisions --db p.db
> decision 2 undone: their records are now 2 persons
> 4,N000104,4
> 5,N000105,5
~ ^1  person records 1 \(Aidan Horsley\) and 3 \(Aidan James Horsley\) are different people  by cli:operator at [0-9TZ:-]+: N000103 is his cousin
~ ^2  person records 4 \(Bartholomew Quince\) and 5 \(Mary Quince\) are the same person  by cli:operator at .*: one person entered twice  \(undone by cli:operator at

$ vigil audit export --db p.db | grep -c '"action":"combine","what":"decision '
> 3

$ vigil match same 4 4 --reason x --db p.db
? 3
! b: two different person records

$ vigil match same 4 5 --db p.db
? 3
! reason: say why

$ vigil match undo 2 --reason again --db p.db
? 1
! no decision 2 that stands

$ vigil match same 4 --reason x --db p.db
? 2
! use: match same\|different RECORD RECORD --reason WHY
