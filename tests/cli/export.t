# Export the synthetic force's own records in police.uk form; they import back with
# the same counts, and every location sits on an anonymous point.
$ vigil init -q --db w.db && vigil synth -q --db w.db --scale 0.02 --to 2014-06 && vigil export police-uk --db w.db --month 2014-02 --out out
~ ^wrote out/2014-02/2014-02-wessex-street.csv \([0-9]+ crimes, [0-9]+ ASB incidents\)$
~ anonymous map points

$ head -1 out/2014-02/2014-02-wessex-street.csv && head -1 out/2014-02/2014-02-wessex-outcomes.csv
> Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context
> Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type

# same counts as the records of that month
$ vigil init -q --db back.db && vigil import police-uk -q --db back.db out && sqlite3 back.db "SELECT (SELECT count(*) FROM od_street WHERE crime_id IS NOT NULL), (SELECT count(*) FROM od_street WHERE crime_id IS NULL), (SELECT count(*) FROM od_outcome)" > got && sqlite3 w.db "SELECT (SELECT count(*) FROM crime WHERE status='recorded' AND recorded_at >= '2014-02-01' AND recorded_at < '2014-03-01'), (SELECT count(*) FROM incident WHERE category LIKE 'asb_%' AND received_at >= '2014-02-01' AND received_at < '2014-03-01'), (SELECT count(*) FROM crime WHERE status='recorded' AND outcome > 0 AND outcome_at >= '2014-02-01' AND outcome_at < '2014-03-01')" > want && cmp got want && echo same
> same

# no exported position is a home: no row's coordinates equal any address's coordinates,
# and locations say "On or near" a street or place, never a house number
$ sqlite3 w.db "SELECT printf('%.6f,%.6f', lon, lat) FROM location WHERE kind = 'address' AND lat IS NOT NULL" | sort -u > homes && awk -F, 'NR > 1 && $5 != "" {print $5 "," $6}' out/2014-02/2014-02-wessex-street.csv | sort -u > points && comm -12 homes points | wc -l && grep -c ',On or near [0-9]' out/2014-02/2014-02-wessex-street.csv
> 0
> 0
? 1

# the report from the imported police.uk copy needs all 12 months; from records it works
$ vigil report performance --db w.db --source records --to 2014-06
~ ^Wessex Constabulary: 12 months July 2013 to June 2014 \(source: records\)$
~ ^Anti-social behaviour incidents +1201 +

$ vigil export police-uk --db w.db --month 2014-02
? 2
! --out DIR are required

# the analytics export: facts without names, CSV by year and force (read back with DuckDB
# by tests/export/facts.sh); its period and folder are required, and a period backwards
$ vigil export facts --db w.db --from 2014-02 --out facts
? 2
! --from YYYY-MM, --to YYYY-MM and --out DIR are required
$ vigil export facts --db w.db --from 2014-03 --to 2014-02 --out facts
? 2
! --to is before --from
$ vigil export facts --db w.db --from 2014-02 --to 2014-02 --out facts && head -1 facts/crimes/year=2014/force=*/part-0.csv && ls facts
~ ^wrote facts: [0-9]+ crimes, [0-9]+ incidents, [0-9]+ outcomes in [0-9]+ files
> crime_id,reference,offence_code,offence_group,recorded_at,committed_at,status,outcome,outcome_at,neighbourhood,local_authority
> crimes
- given_names|family_name|Street|street
