# Official open data: police.uk, Home Office recorded crime, ONS population.
# Fixtures are hand-written in tests/data ($TESTDATA).

$ vigil init -q --db o.db && vigil import police-uk --db o.db --format json $TESTDATA/police-uk/good
~ "files": 3
~ "rows": 10
~ "asb": 2
~ "crimes": 4
~ "outcomes": 2
~ "stop_searches": 2
~ "rejected": 0
~ "no_location": 3
~ "Cyber crime": 1
~ "Violent crime": 1
~ "Some brand new outcome": 1
- "Offender given penalty notice": 1

# the context field with a quoted comma survives as data
$ sqlite3 o.db "SELECT context FROM od_street WHERE context IS NOT NULL"
> context, with "quotes"

# coordinates as integer micro-degrees, strings dictionary-encoded, month as yyyymm
$ sqlite3 o.db "SELECT s.lon, s.lat, s.month, d.value FROM od_street s JOIN od_dict d ON d.id = s.crime_type WHERE s.crime_id = X'6c853f183e5a0d2063d5ae134c25dafbd05596194ab520c3eebb7f822dee42c6'"
> -1089846|52685438|201406|Public order

# Importing the same files again replaces them: counts do not change.
$ vigil import police-uk --db o.db $TESTDATA/police-uk/good/2014-06 && vigil stats --db o.db --format json
~ 3 file\(s\) replaced
~ "street_rows": 6
~ "asb_rows": 2

$ vigil stats --db o.db
~ ^  police.uk street rows +6$

# Every malformed file is rejected with file:line: reason, exit 3, and nothing changes.
$ sqlite3 o.db .dump | md5sum > before && vigil import police-uk --db o.db $TESTDATA/police-uk/good $TESTDATA/police-uk/bad/2014-06-ragged-street.csv; rc=$?; sqlite3 o.db .dump | md5sum | cmp -s - before && echo unchanged; exit $rc
? 3
> unchanged
! 2014-06-ragged-street.csv:3: 11 fields, expected 12$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-badmonth-street.csv
? 3
! 2014-06-badmonth-street.csv:3: Month: '2014-13' is not YYYY-MM$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-coords-street.csv
? 3
! 2014-06-coords-street.csv:4: Longitude/Latitude: -1.200000, 152.600000 is outside the United Kingdom$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-utf8-street.csv
? 3
! 2014-06-utf8-street.csv:2: Location: bad UTF-8$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-quote-street.csv
? 3
! 2014-06-quote-street.csv:3:[0-9]+: unexpected character after a closing quote$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-crimeid-street.csv
? 3
! 2014-06-crimeid-street.csv:2: Crime ID: not 64 hexadecimal digits$

$ vigil import police-uk --db o.db $TESTDATA/police-uk/bad/2014-06-notpolice-street.csv
? 3
! 2014-06-notpolice-street.csv:1: not a police.uk street, outcomes or stop-and-search header$

$ vigil import police-uk --db o.db does-not-exist
? 1
! does-not-exist: No such file or directory

# --skip-bad imports the good rows and writes each bad one with its reason.
$ vigil init -q --db s.db && vigil import police-uk --db s.db --skip-bad bad.csv --format json $TESTDATA/police-uk/bad/2014-06-ragged-street.csv $TESTDATA/police-uk/bad/2014-06-coords-street.csv && cat bad.csv
~ "rows": 3
~ "rejected": 2
> file,line,reason,row
~ 2014-06-ragged-street.csv,3,"11 fields, expected 12",
~ 2014-06-coords-street.csv,4,"Longitude/Latitude: -1.200000, 152.600000 is outside the United Kingdom","

# Home Office table: the mis-written 30-12 date is read as the month's end; negative
# totals and unknown offences are data; fraud bodies are kept apart from forces.
$ vigil import recorded-crime --db o.db --format json $TESTDATA/home-office/rec-good.csv
~ "rows": 5
~ "areas": 2
~ "dates_corrected": 1
~ "negative_counts": 1
~ "Novel offence": 1

$ sqlite3 o.db "SELECT area, period_end, offence, count FROM ho_recorded ORDER BY period_end, area, offence"
> fraud:Action Fraud|201406|Action Fraud|100
> hampshire|201406|Death or serious injury caused by illegal driving|-1
> hampshire|201712|Robbery|700

$ vigil import recorded-crime --db o.db $TESTDATA/home-office/rec-small.csv
? 3
! rec-small.csv:2: PFA: unknown police force area 'Testforce'$

$ vigil import recorded-crime --db o.db $TESTDATA/home-office/rec-baddate.csv
? 3
! rec-baddate.csv:3: 12 months ending: 15-06-2014 is not the last day of a month$

# Population, long and wide layouts; names matched through the force table.
$ vigil import population --db o.db --format json $TESTDATA/ons/pop-long.csv
~ "rows": 3
~ "areas": 3

$ vigil import population --db o.db $TESTDATA/ons/pop-wide.csv && sqlite3 o.db "SELECT area, year, population, coalesce(households, '-') FROM population ORDER BY area, year"
> avon-and-somerset|2013|1664000|-
> dyfed-powys|2012|515000|-
> hampshire|2012|1915256|-
> hampshire|2013|1925263|790000
> metropolitan|2013|8400000|3400000

$ vigil import population --db o.db $TESTDATA/ons/pop-bad.csv
? 3
! pop-bad.csv:2: population: 'lots' is not a whole number$

$ vigil import population --db o.db $TESTDATA/ons/pop-unknown.csv
? 3
! pop-unknown.csv:1: column 3: unknown police force area 'Atlantis'$

$ vigil import frobs x
? 2
! unknown import 'frobs'
