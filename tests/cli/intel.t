# Repeats, trend exceptions, the daily neighbourhood review and its actions, on the
# synthetic force with a hand-made spike: twelve ASB nuisance calls about 5 Station Lane
# (Stoke-Barehills Central) in the week 23-29 June 2014, recorded through first contact.

$ vigil init -q --db s.db && vigil synth -q --db s.db --scale 0.1 --seed 3 --to 2014-06 && { echo '['; for i in $(seq 0 11); do [ $i -gt 0 ] && echo ','; printf '{"received": "2014-06-%02dT%02d:15:00Z", "category": "asb_nuisance", "description": "Youths gathering, noise and fireworks", "location": {"address": "5 Station Lane", "postcode": "WX1 1AA"}, "people": [{"role": "caller", "name": "Pat Mills", "dob": "1960-02-03", "address": "5 Station Lane", "postcode": "WX1 1AA"}]}' $((23 + i % 7)) $((10 + i)); done; echo ']'; } > spike.json && vigil incident add -q --db s.db spike.json > /dev/null && echo ok
> ok

# The week's exception, against the weeks before (the force has one year of records);
# false-discovery control over every series keeps the ordinary ones quiet.
$ vigil analyse trends --db s.db --week-ending 2014-06-29
~ ^Weekly counts, week 2014-06-23 to 2014-06-29: [0-9]+ series assessed, 1 unusually high$
~ ^Stoke-Barehills Central +ASB: nuisance +12 +[0-9.]+ +[0-9.]+ +[0-9.e-]+ the weeks before$

$ vigil analyse trends --db s.db --week-ending 2014-06-29 --area WXN00001 --all --format json
~ "category":"ASB: nuisance","count":12,
~ "exception":true
~ "exception":false

# The week before the spike has none.
$ vigil analyse trends --db s.db --week-ending 2014-06-22 --area WXN00001
~ 0 unusually high$

# Repeats: the address, and the caller who is not a victim is not a repeat victim.
$ vigil analyse repeats --db s.db --from 2014-06-01 --to 2014-06-30 --area "Stoke-Barehills Central" --format json
~ "address":"5 Station Lane, Stoke-Barehills WX1 1AA","incidents":12
- "name":"Mills, Pat"

$ vigil analyse repeats --db s.db --from 2014-06-01 --to 2014-06-30 --min 1
? 2
! --min must be from 2 to 1000

$ vigil analyse repeats --db s.db --from 2014-06-01
? 2
! --to YYYY-MM-DD is required

# The daily review for the day after.
$ vigil briefing --db s.db --neighbourhood "Stoke-Barehills Central" --date 2014-06-30
~ ^Daily review: Stoke-Barehills Central \(WXN00001\), 2014-06-30$
~ ^New in the last 24 hours: [0-9]+ incidents, [0-9]+ crimes; last 7 days: [0-9]+ incidents, [0-9]+ crimes$
~ ^ +12 +5 Station Lane, Stoke-Barehills WX1 1AA$
~ ^ +ASB: nuisance +12 \(baseline
~ ^Near-repeat risk zones: the force's burglaries of the last year repeat within [0-9]+ m and [0-9]+ days
~ ^Hotspots \(crimes of the last 28 days, Gi\* with FDR\): [1-9]
~ ^Actions of this review: 0$

$ vigil briefing --db s.db --neighbourhood WXN00001 --date 2014-06-30 --format json
~ "area":\{"id":[0-9]+,"code":"WXN00001","name":"Stoke-Barehills Central"\},"date":"2014-06-30"
~ "repeat_locations":\[\{"id":[0-9]+,"address":"5 Station Lane, Stoke-Barehills WX1 1AA","incidents":12
~ "victims":\[\{"id":[0-9]+,"name":"[^"]+","dob":
~ "near_repeat":\{"pattern":\{"burglaries":[0-9]+,

# A call about an address new to the records, in a known postcode: it belongs to the
# postcode's neighbourhood, so the review lists it (its position is not guessed).
$ printf '{"received": "2014-06-29T20:00:00Z", "category": "asb_personal", "description": "Threats shouted at the door", "location": {"address": "77 Station Lane", "postcode": "WX1 1AA"}}' > new.json && vigil incident add -q --db s.db new.json > /dev/null && vigil briefing --db s.db --neighbourhood WXN00001 --date 2014-06-30 --format json
~ "what":"ASB: personal","at":"2014-06-29T20:00:00Z","address":"77 station lane WX1 1AA"

# Actions: assigned to an owner with a due date, shown until closed, then with the result.
$ echo "a long password" | vigil user add pc_jones --role response_officer --password-stdin --db s.db > /dev/null && vigil tasking add --db s.db --neighbourhood WXN00001 --text "Visit 5 Station Lane; speak to the caller about the youths" --owner pc_jones --due 2099-01-15
> action 1 for pc_jones, due 2099-01-15

$ vigil briefing --db s.db --neighbourhood WXN00001 --date 2014-06-30
~ ^Actions of this review: 1$
~ ^  #1 pc_jones: Visit 5 Station Lane; speak to the caller about the youths, due 2099-01-15$

$ vigil tasking close 1 --db s.db --result "Visited; dispersal order considered with the council"
> action 1 closed

$ vigil briefing --db s.db --neighbourhood WXN00001 --date 2014-06-30 --format json
~ "closed_at":"20[0-9-]+T[0-9:]+Z","closed_by":"","result":"Visited; dispersal order considered with the council"

$ vigil tasking close 1 --db s.db --result again
? 1
! no open action 1

$ vigil tasking add --db s.db --neighbourhood WXN00001 --text "x" --owner nobody --due 2099-01-15
? 3
! owner: 'nobody' is not an active user

$ vigil tasking add --db s.db --neighbourhood WXN00001 --text "x" --owner pc_jones --due 2001-01-15
? 3
! due: give a due date, today or later

$ vigil briefing --db s.db --neighbourhood Atlantis --date 2014-06-30
? 1
! no neighbourhood or local authority with the code or name 'Atlantis'

$ vigil briefing --db s.db --neighbourhood WXN00001
? 2

# Every consultation and change is in the audit log.
$ vigil audit export --db s.db | grep -c "daily review area:[0-9]* 2014-06-30\|tasking:1 area:\|trends area:\|repeats area:"
~ ^(1[0-9]|[2-9][0-9])$
