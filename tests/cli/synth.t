# vigil synth fills an empty database with the synthetic force, deterministically.
$ vigil init --db s.db >/dev/null && vigil synth --db s.db --scale 0.01 --seed 5
~ ^Wessex Constabulary: synthetic force generated in
~ ^  resident population +19253$
~ ^  local authorities +15$
~ ^  incidents +[0-9]+ \(601 ASB\)$

$ vigil stats --db s.db --format json
~ "asb": 601
~ "Violence against the person": [1-9][0-9]+
~ "Fraud offences": 0

# A second run into the same database is refused: nothing is added.
$ vigil synth --db s.db --scale 0.01
? 1
! already holds records

# Same seed, same records (compared as a full SQL dump of the record tables).
$ vigil init --db t.db >/dev/null && vigil synth -q --db t.db --scale 0.01 --seed 5 && for d in s t; do sqlite3 $d.db "SELECT * FROM person; SELECT * FROM incident; SELECT * FROM crime; SELECT * FROM location; SELECT * FROM synth_truth" | md5sum; done | uniq | wc -l
> 1

$ vigil init --db u.db >/dev/null && vigil synth --db u.db --scale 0.01 --seed 6 --format json
~ "force": "Wessex Constabulary"
~ "asb_incidents": 601

$ for d in s u; do sqlite3 $d.db "SELECT * FROM person" | md5sum; done | uniq | wc -l
> 2

# demo = init + synth + match model + demo users + stats
$ vigil demo --db d.db --scale 0.005
~ ^  call_handler +call_handler +force +[A-Za-z0-9]{16}$
~ ^  auditor +auditor +force +[A-Za-z0-9]{16}$
~ ^  manager\.probation +partner_manager +probation +[A-Za-z0-9]{16}$
~ ^  practitioner\.la-[a-z0-9-]+ +partner_practitioner +la-
~ ^Wessex Constabulary: synthetic force generated in
~ ^Recorded crimes by ONS offence group$
