# vigil synth fills an empty database with the synthetic force, deterministically.
$ vigil init --db s.db >/dev/null && vigil synth --db s.db --scale 0.01 --seed 5 --to 2014-06
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
$ vigil init --db t.db >/dev/null && vigil synth -q --db t.db --scale 0.01 --seed 5 --to 2014-06 && for d in s t; do sqlite3 $d.db "SELECT * FROM person; SELECT * FROM incident; SELECT * FROM crime; SELECT * FROM location; SELECT * FROM synth_truth" | md5sum; done | uniq | wc -l
> 1

$ vigil init --db u.db >/dev/null && vigil synth --db u.db --scale 0.01 --seed 6 --format json
~ "force": "Wessex Constabulary"
~ "asb_incidents": 601

$ for d in s u; do sqlite3 $d.db "SELECT * FROM person" | md5sum; done | uniq | wc -l
> 2

# The period: by default the 12 months to the last complete month before today (a force
# whose last 12 months end now); --to pins it, with --from or --months.
$ vigil init --db p.db >/dev/null && vigil synth -q --db p.db --scale 0.005 && first=$(date -u -d "$(date -u +%Y-%m-01) -12 months" +%Y-%m) && sqlite3 p.db "SELECT CASE WHEN substr(min(received_at), 1, 7) = '$first' THEN 1 END, CASE WHEN count(*) > 0 THEN 1 END FROM incident WHERE received_at >= '$first'"
> 1|1

$ vigil init --db q.db >/dev/null && vigil synth -q --db q.db --scale 0.005 --to 2014-06 && sqlite3 q.db "SELECT substr(min(received_at), 1, 7), substr(max(committed_at), 1, 7) FROM incident JOIN crime ON crime.incident_id = incident.id"
> 2013-07|2014-06

$ vigil init --db r.db >/dev/null && vigil synth -q --db r.db --scale 0.005 --from 2013-01 --to 2013-03 && sqlite3 r.db "SELECT substr(min(received_at), 1, 7), substr(max(committed_at), 1, 7) FROM incident JOIN crime ON crime.incident_id = incident.id"
> 2013-01|2013-03

$ vigil synth -q --db r.db --from 2013-01 --to 2013-03 --months 3
? 2
! give two of --from, --to and --months

$ vigil synth -q --db r.db --from 2013-04 --to 2013-03
? 2
! --to must be from --from

# demo = init + synth + match model + resolved persons + demo users + stats
$ vigil demo --db d.db --scale 0.005
~ ^  call_handler +call_handler +force +[A-Za-z0-9]{16}$
~ ^  auditor +auditor +force +[A-Za-z0-9]{16}$
~ ^  manager\.probation +partner_manager +probation +[A-Za-z0-9]{16}$
~ ^  practitioner\.la-[a-z0-9-]+ +partner_practitioner +la-
~ ^Wessex Constabulary: synthetic force generated in
~ ^persons resolved: [0-9]+ person records are [0-9]+ persons
~ ^Recorded crimes by ONS offence group$
