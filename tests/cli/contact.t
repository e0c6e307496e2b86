# First contact from the command line: three ASB calls from one woman, her name spelt
# three ways; the third briefing says repeat victim (and repeat location). A namesake
# with another date of birth and address stays a different person. Bad input is
# rejected with the field named, exit 3, and nothing stored.

$ vigil init -q --db c.db && vigil incident add --db c.db $TESTDATA/contact/call1.json
~ "incident_id": 1,
~ "new_person": true,
~ "repeat_victim": false,
~ "new_location": true

$ vigil incident add --db c.db $TESTDATA/contact/call2.json
~ "new_person": false,
~ "person_id": 1,
~ "prior_asb_as_victim_or_caller_12m": 1,
~ "repeat_victim": false,
~ "comparison": "nickname"
~ "comparison": "day and month transposed"

$ vigil incident add --db c.db $TESTDATA/contact/call3.json
~ "person_id": 1,
~ "repeat_victim": true,
~ "prior_incidents_12m": 2,
~ this is the third
~ "repeat_location": true
~ "role": "suspect"

$ vigil incident show --db c.db 3
~ "incident_id": 3,
~ "repeat_victim": true,
~ this is the third

$ vigil incident show --db c.db 99
? 1
! no briefing for incident 99

$ vigil incident add --db c.db $TESTDATA/contact/namesake.json
~ ^\[$
~ "person_id": 3,
~ "new_person": true,

$ vigil incident add --db c.db $TESTDATA/contact/bad-person.json
? 3
! bad-person.json: \[1\]\.people\[0\]\.dob: must be a date YYYY-MM-DD

$ vigil incident add --db c.db $TESTDATA/contact/broken.json
? 3
! broken.json:2:

$ vigil stats --db c.db --format json
~ "incidents": 4,
~ "persons": 3,

$ vigil lookup --db c.db --name "Margret Oneil" --phone 07700900222 --at 2014-06-02
~ ^ 1\. Margaret O'Neill  1961-04-07  certain \(p=[01]\.[0-9]+, MATCH\)  person 1, 1 record \(best: 1\)$
~ ^ 2\. Margaret O'Neill  1931-10-12  probable \(p=0\.[0-9]+\)  person 3
~ ^     same phone number; family name sounds the same or differs by a letter; given name sounds the same or differs by a letter$
~ family_name sounds alike or one edit
~ ^briefing for Margaret O'Neill \(record 1; from 1 record\):$
~ repeat victim: YES
~ 3 earlier ASB incidents as victim or caller

$ vigil lookup --db c.db --name "Margaret O'Neill" --dob 1931-10-12 --format json
~ "person_id": 3,
~ "band": "certain",
~ "evidence": "same family name; same given name; same date of birth",
~ "name": "Margaret O'Neill",
~ "briefing": \{

$ vigil lookup --db c.db --name "Zebedee Quux"
~ ^0 candidates among [0-9]+ person records
~ treat as a new person

$ vigil lookup --db c.db
? 3
! give a name, date of birth, phone, address or postcode

$ vigil lookup --db c.db --name x --dob 1961-13-01
? 2

$ vigil config list --db c.db
> briefing.asb_repeat_min = 2
> match.threshold = 0.99998

$ vigil config set --db c.db briefing.asb_repeat_min 3 && vigil config get --db c.db briefing.asb_repeat_min
> 3

$ vigil lookup --db c.db --name "Margaret O'Neill" --dob 1961-04-07 --at 2014-06-02
~ repeat victim: YES

$ vigil config set --db c.db briefing.asb_repeat_min 4 && vigil lookup --db c.db --name "Margaret O'Neill" --dob 1961-04-07 --at 2014-06-02
~ repeat victim: no

$ vigil config set --db c.db briefing.colour red
? 3
! briefing.colour: not a setting

$ vigil config set --db c.db match.threshold 2
? 3
! match.threshold: must be a number

$ vigil match train --db c.db
? 3
! too few to estimate the model

$ vigil init -q --db s.db && vigil synth -q --db s.db --scale 0.02 --to 2014-06 && vigil match train --db s.db --format json
~ "records": [0-9]{4,},
~ "prior": 0\.
~ "family_name": \{

# Resolved persons: every person record belongs to exactly one person, and the persons
# agree with the synthetic force's hidden truth (pairwise precision and recall worked out
# by awk from the truth table, each at least 0.99).
$ vigil match resolve --db s.db
~ ^[0-9]+ person records resolved into [0-9]+ persons in [0-9.]+ s \(threshold 0\.99998\)$
~ record pairs above the threshold kept apart: their dates of birth or sex conflict$

$ vigil match clusters --db s.db > cl.csv && head -1 cl.csv && awk -F, 'NR > 1 { print $1 }' cl.csv | sort | uniq -d | wc -l && test $(($(wc -l < cl.csv) - 1)) -eq $(sqlite3 s.db "SELECT count(*) FROM person") && echo every record once
> record_id,source_id,person_id
> 0
> every record once

$ sqlite3 -csv s.db "SELECT record_id, truth_id FROM synth_truth WHERE kind = 'person'" > truth.csv && awk -F, 'NR == FNR { t[$1] = $2; next } FNR > 1 && ($1 in t) { a[$3]++; b[t[$1]]++; c[$3 "," t[$1]]++ } END { for (k in a) P += a[k] * (a[k] - 1) / 2; for (k in b) T += b[k] * (b[k] - 1) / 2; for (k in c) C += c[k] * (c[k] - 1) / 2; print (T > 1000 ? "true pairs: many" : "true pairs: " T); print (C / P >= 0.99 ? "precision ok" : "precision " C / P); print (C / T >= 0.99 ? "recall ok" : "recall " C / T) }' truth.csv cl.csv
> true pairs: many
> precision ok
> recall ok

$ vigil match clusters --db s.db --format json | head -3
~ "record_id": 1,

$ vigil match resolve --format csv --db s.db
? 2
! --format csv is for clusters

$ vigil match group --db s.db
? 2
! say what to do: train, resolve, clusters, review, same, different, undo or decisions

$ vigil audit export --db s.db > audit.jsonl && grep -c '"action":"combine","what":"resolved persons: ' audit.jsonl && test $(grep '"what":"resolved persons of ' audit.jsonl | head -1 | grep -o '"person:[0-9]*"' | wc -l) -eq $(sqlite3 s.db "SELECT count(*) FROM person") && echo the export names every record
> 1
> the export names every record

# A batch behaves like the same calls one at a time: three spellings of one person's
# address in one batch (the third resolving to a place already linked to him) used to fail
# the whole batch with "UNIQUE constraint failed: person_location".
$ vigil init -q --db b.db && vigil incident add -q --db b.db $TESTDATA/contact/three-spellings.json > /dev/null && sqlite3 b.db "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM location), (SELECT count(*) FROM person_location), (SELECT count(*) FROM incident)"
> 1|1|1|3

$ vigil init -q --db one.db && node -e 'require(process.argv[1]).forEach((c, i) => require("fs").writeFileSync("call" + i + ".json", JSON.stringify(c)))' $TESTDATA/contact/three-spellings.json && for i in 0 1 2; do vigil incident add -q --db one.db call$i.json > /dev/null || exit 1; done && sqlite3 one.db "SELECT (SELECT count(*) FROM person), (SELECT count(*) FROM location), (SELECT count(*) FROM person_location), (SELECT count(*) FROM incident)"
> 1|1|1|3
