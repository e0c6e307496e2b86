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
$ sqlite3 o.db "SELECT s.lon, s.lat, s.month, d.value, length(s.crime_id) FROM od_street s JOIN od_dict d ON d.id = s.crime_type WHERE s.lon = -1089846 AND s.lat = 52685438"
> -1089846|52685438|201406|Public order|32
# the crime id as its 32 bytes (SQLite's blob literal)
#only: sqlite
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

$ vigil import population --db o.db $TESTDATA/ons/pop-wide.csv && sqlite3 o.db "SELECT p.area, p.year, p.basis, population, coalesce(CAST(households AS TEXT), '-') FROM population p LEFT JOIN households h USING (area, year) ORDER BY p.area, p.year"
> avon-and-somerset|2013|force|1664000|-
> dyfed-powys|2012|force|515000|-
> hampshire|2012|force|1915256|-
> hampshire|2013|force|1925263|790000
> metropolitan|2013|force|8400000|3400000

# Population by local authority, summed into force areas through the ONS lookup
# (la-lookup.csv, December 2016 codes). The estimates carry April 2020 codes: E06000058
# (Bournemouth, Christchurch and Poole, 2019) and E06000060 (Buckinghamshire, 2020)
# are placed through their predecessors, never guessed. Sums worked out by hand from
# pop-la.csv: Hampshire = Basingstoke and Deane 170000 + Portsmouth 205000 = 375000
# (2013: 171000 + 206000 = 377000); Dorset = BCP 390000 / 392000; Thames Valley =
# Buckinghamshire 520000 + Reading 155000 = 675000 (2013: 525000 + 156000 = 681000);
# South Wales = Cardiff 346000 / 348000. Aberdeen (Scotland) and the South East region
# are left out; the England and Wales row (1786000 / 1798000) is the check.
$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv $TESTDATA/ons/pop-la.csv
> imported population: 1 file(s), 8 rows
>   6 local authorities summed into force areas through a lookup of 2016 codes
>   1 local authority of Scotland and Northern Ireland left out (in no force area of England and Wales)
>   1 row for counties, regions and countries left out (sums of the local authorities)
~ E06000058 Bournemouth, Christchurch and Poole, created 2019-04-01 from E06000028, E06000029 and others: Dorset$
~ E06000060 Buckinghamshire, created 2020-04-01 from E07000004, E07000005 and others: Thames Valley$

$ sqlite3 o.db "SELECT area, year, basis, population FROM population WHERE basis = 'local-authority' ORDER BY area, year"
> dorset|2012|local-authority|390000
> dorset|2013|local-authority|392000
> hampshire|2012|local-authority|375000
> hampshire|2013|local-authority|377000
> south-wales|2012|local-authority|346000
> south-wales|2013|local-authority|348000
> thames-valley|2012|local-authority|675000
> thames-valley|2013|local-authority|681000

# the force-level figures stay beside them (the readers prefer the local-authority sums)
$ sqlite3 o.db "SELECT area, year, basis, population FROM population WHERE area = 'hampshire' ORDER BY year, basis"
> hampshire|2012|force|1915256
> hampshire|2012|local-authority|375000
> hampshire|2013|force|1925263
> hampshire|2013|local-authority|377000

# Refused with exit 3 and nothing written: a code in no force area, an area counted
# twice (Poole beside the authority that replaced it), a force missing one of its local
# authorities, a total the rows do not add up to, and a lookup naming an unknown force.
$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv $TESTDATA/ons/pop-la-unmapped.csv
? 3
! pop-la-unmapped.csv:4: E06000099 is in no police force area: it is not in the lookup of 2016, and no recorded local-authority code change links it to one that is \(Nowhere New Town; lookup la-lookup.csv\): nothing was imported$

$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv --skip-bad bad.csv $TESTDATA/ons/pop-la-unmapped.csv
? 3
! pop-la-unmapped.csv:4: E06000099 is in no police force area

$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv $TESTDATA/ons/pop-la-twice.csv
? 3
! pop-la-twice.csv:3: E06000029 and E06000058 \(Bournemouth, Christchurch and Poole, which replaced it\) are both in the file: the area would be counted twice

$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv $TESTDATA/ons/pop-la-short.csv
? 3
! pop-la-short.csv: Hampshire is missing E06000044 \(Portsmouth\), one of its local authorities in la-lookup.csv: its figure would be short

$ vigil import population --db o.db --lookup $TESTDATA/ons/la-lookup.csv $TESTDATA/ons/pop-la-badtotal.csv
? 3
! pop-la-badtotal.csv:2: the file's England and Wales total for 2013 is 400000, but its local authorities add up to 377000

$ vigil import population --db o.db --lookup $TESTDATA/ons/pop-unknown.csv $TESTDATA/ons/pop-la.csv
? 3
! pop-unknown.csv:1: header: expected the ONS lookup's columns LADyyCD

$ sqlite3 o.db "SELECT count(*), sum(population) FROM population WHERE basis = 'local-authority'"
> 8|3584000

$ vigil import population --db o.db $TESTDATA/ons/pop-la.csv
? 2
! pop-la.csv:1: the file gives figures by local authority: name the ONS lookup from local authorities to police force areas with --lookup FILE

$ vigil import recorded-crime --db o.db --lookup $TESTDATA/ons/la-lookup.csv x.csv
? 2
! --lookup is for population and households

# Households by local authority (a census table): the all-households column of the
# total rows (Portsmouth's urban part is left out). Hampshire = 70000 + 85000 = 155000;
# Dorset = Bournemouth 80000 + Poole 65000 + Christchurch 22000 = 167000; South Wales 142000.
$ vigil import households --db o.db --lookup $TESTDATA/ons/la-lookup.csv --format json $TESTDATA/ons/households-la.csv
~ "rows": 3,
~ "summed": 6,

$ sqlite3 o.db "SELECT area, year, basis, households FROM households WHERE basis = 'local-authority' ORDER BY area"
> dorset|2011|local-authority|167000
> hampshire|2011|local-authority|155000
> south-wales|2011|local-authority|142000

$ vigil import population --db o.db $TESTDATA/ons/pop-bad.csv
? 3
! pop-bad.csv:2: population: 'lots' is not a whole number$

$ vigil import population --db o.db $TESTDATA/ons/pop-unknown.csv
? 3
! pop-unknown.csv:1: column 3: unknown police force area 'Atlantis'$

$ vigil import frobs x
? 2
! unknown import 'frobs'
