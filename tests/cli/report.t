#requires: shared-data
# The performance report on the real Home Office table, checked against numbers worked
# out by hand from rec-crime-pfa.csv and population_policeforces.csv:
#   Hampshire, 12 months to June 2014, crime excluding fraud = 102,412 (sum of its 19
#   categories); population mid-2013 = 1,925,263 -> 53.19 -> 53.2 per 1,000.
#   Victim-based = 102,412 - drugs 6,348 - weapons 604 - public order 4,577 - misc 1,479
#   = 89,404 -> 46.4. Sexual offences 1,963 -> 1.0. Violence with injury 10,053 -> 5.2.
#   Domestic burglary 3,776 -> 2.0 (per population: the file has no households).
#   England and Wales: the 39 English forces with a population (the Welsh four have
#   none in this file) = 3,285,050 over 53,350,945 -> 61.6.
#   Change: June 2013 was 105,088 -> -2.5%; June 2010 was 136,308 -> -24.9%.
#   England and Wales (43 forces, counts): 3,460,860 vs 3,477,660 -> -0.5%; vs 4,136,148 -> -16.3%.

$ vigil init -q --db h.db && vigil import recorded-crime -q --db h.db $VIGIL_SHARED_DATA/home-office/rec-crime-pfa.csv && vigil import population -q --db h.db $VIGIL_SHARED_DATA/ons/population_policeforces.csv && vigil report performance --db h.db --force "Hampshire Constabulary" --to 2014-06
~ ^Hampshire: 12 months July 2013 to June 2014 \(source: home-office\)$
~ ^Crime excluding fraud +102412 +53\.2 +3285050 +61\.6$
~ ^Victim-based crime +89404 +46\.4
~ ^Sexual offences +1963 +1\.0
~ ^Violence with injury +10053 +5\.2
~ ^Domestic burglary +3776 +2\.0
~ vs previous 12 months \(to June 2013\): Hampshire -2\.5%, England and Wales -0\.5%
~ vs 12 months four years earlier \(to June 2010\): Hampshire -24\.9%, England and Wales -16\.3%
~ left out: Dyfed-Powys, Gwent, North Wales and South Wales \(no population estimate\)\.$
~ Population: ONS mid-year estimate for 2013

$ vigil report performance --db h.db --force hampshire --to 2014-06 --format csv --compare "Avon & Somerset"
~ ^measure,area,from,to,count,per,denominator,denominator_year,rate_per_1000.$
~ ^Crime excluding fraud,Hampshire,2013-07,2014-06,102412,residents,1925263,2013,53\.2.$
~ ^Crime excluding fraud,England and Wales,2013-07,2014-06,3285050,residents,53350945,2013,61\.6.$
~ ^Crime excluding fraud,Avon and Somerset,2013-07,2014-06,
~ ^Domestic burglary,Hampshire,2013-07,2014-06,3776,residents,1925263,2013,2\.0.$
~ ^Anti-social behaviour incidents,Hampshire,2013-07,2014-06,,,,,.$

$ vigil report performance --db h.db --force hampshire --to 2014-06 --format json --compare "Avon & Somerset,Thames Valley"
~ "force": "Hampshire",
~ "from": "2013-07"
~ "to": "2014-06"
~ "population_year": 2013
~ "id": "crime_excluding_fraud"
~ "id": "asb_incidents"
~ "per": "population"
~ "count": 102412,
~ "denominator": 1925263,
~ "rate": 53.2
~ "england_wales": \{
~ "force_pct": -2.5
~ "england_wales_pct": -16.3
~ "force": "Avon and Somerset"
~ "force": "Thames Valley"

$ vigil report performance --db h.db --force hampshire --to 2014-06 --format html > r.html && grep -c '<svg' r.html && grep -o '<td class="n">102,412</td><td class="n">53.2</td>' r.html && grep -c '<polyline' r.html
> 1
> <td class="n">102,412</td><td class="n">53.2</td>
> 2

$ vigil report performance --db h.db --force hampshire --to 2014-05
? 1
! no figures for Hampshire for the 12 months ending 2014-05

$ vigil report performance --db h.db --force Atlantis --to 2014-06
? 2
! --force: unknown police force 'Atlantis'

$ vigil report performance --db h.db --to 2014-06
? 2
! --force is required

# ASB comes from police.uk only with all 12 months; here Hampshire has 11.
$ vigil import police-uk -q --db h.db $VIGIL_SHARED_DATA/police-uk/hampshire-2014 && vigil report performance --db h.db --force hampshire --to 2014-11 --source police-uk
~ ^Anti-social behaviour incidents +62424 +-
~ covers 11 of the 12 months for Hampshire

# The inspection table in full: population by local authority and 2011 Census
# households, both summed into force areas through the ONS lookup (with the 2019 and
# 2020 code changes placed). Worked out by hand:
#   Hampshire mid-2013 = its 14 local authorities = 1,925,263 (unchanged: 53.2);
#   households 790,066 -> domestic burglary 3,776 / 790,066 = 4.78 -> 4.8 per 1,000.
#   England and Wales = all 43 forces: 3,460,860 / 56,948,229 (the file's own England
#   and Wales row) = 60.77 -> 60.8; domestic burglary 207,973 / 23,366,044 = 8.90 -> 8.9.
$ vigil import population -q --db h.db --lookup $VIGIL_SHARED_DATA/ons/LAD_CSP_PFA_Dec2016_lookup.csv $VIGIL_SHARED_DATA/ons/mid-year-population-la-2001-2019.csv && vigil import households -q --db h.db --lookup $VIGIL_SHARED_DATA/ons/LAD_CSP_PFA_Dec2016_lookup.csv $VIGIL_SHARED_DATA/ons/census2011-households-la.csv && vigil report performance --db h.db --force hampshire --to 2014-06
~ ^Crime excluding fraud +102412 +53\.2 +3460860 +60\.8$
~ ^Domestic burglary \(households\) +3776 +4\.8 +207973 +8\.9$
~ England and Wales: all 43 territorial forces\.
~ Hampshire population summed from local authorities \(mid-year-population-la-2001-2019\.csv: 14 local authorities through LAD_CSP_PFA_Dec2016_lookup\.csv\)
~ Both kinds of population figure were imported for Hampshire in 2013: the local-authority sum is used, not the force-area figure \(population_policeforces\.csv\)
~ England and Wales population: every force's summed from local authorities\.
~ Domestic burglary is per 1,000 households: counts for 2011, the latest at or before the end of the period \(census2011-households-la\.csv
- left out:

$ vigil report performance --db h.db --force hampshire --to 2014-06 --format json
~ "households_year": 2011,
~ "per": "households"
~ "denominator": 790066,
~ "denominator": 23366044,
~ "denominator": 56948229,

# The sums against an independent count: awk joins the estimates (mid-2013 is the 7th
# field from the end) to the lookup by code, with the six codes the lookup predates
# placed by hand, and totals each force area; the report's population for every force
# must be the same.
$ awk -F, 'NR == FNR { if (FNR > 1 && match($0, /(E23|W15)[0-9]+/)) pfa[$1] = substr($0, RSTART, RLENGTH); next } FNR > 1 && $1 ~ /^(E0[6-9]|W06)/ { f = pfa[$1]; if (f == "") f = ($1 == "E06000058" || $1 == "E06000059") ? "E23000039" : $1 == "E06000060" ? "E23000029" : ($1 == "E07000244" || $1 == "E07000245") ? "E23000025" : $1 == "E07000246" ? "E23000036" : "unplaced"; s[f] += $(NF - 6) } END { for (f in s) print f, s[f] }' $VIGIL_SHARED_DATA/ons/LAD_CSP_PFA_Dec2016_lookup.csv $VIGIL_SHARED_DATA/ons/mid-year-population-la-2001-2019.csv | sort > awk.txt && wc -l < awk.txt && while read f n; do printf '%s %s\n' $f $(vigil report performance --db h.db --force $f --to 2014-06 --format json | grep -m1 '"denominator"' | tr -dc 0-9); done < awk.txt > vigil.txt && diff awk.txt vigil.txt && echo same
> 43
> same

# Households the same way (the census file quotes its fields; the code and the total
# are found by pattern).
$ awk -F, 'NR == FNR { if (FNR > 1 && match($0, /(E23|W15)[0-9]+/)) pfa[$1] = substr($0, RSTART, RLENGTH); next } FNR > 1 && match($0, /"(E0[6-9]|W06)[0-9]+"/) { c = substr($0, RSTART + 1, RLENGTH - 2); if (match($0, /"Total",[0-9]+/)) s[pfa[c] == "" ? "unplaced" : pfa[c]] += substr($0, RSTART + 8, RLENGTH - 8) } END { for (f in s) print f, s[f] }' $VIGIL_SHARED_DATA/ons/LAD_CSP_PFA_Dec2016_lookup.csv $VIGIL_SHARED_DATA/ons/census2011-households-la.csv | sort > awk-hh.txt && wc -l < awk-hh.txt && while read f n; do printf '%s %s\n' $f $(vigil report performance --db h.db --force $f --to 2014-06 --format json | tr -d ' \n' | grep -o '"id":"domestic_burglary"[^}]*' | grep -o '"denominator":[0-9]*' | tr -dc 0-9); done < awk-hh.txt > vigil-hh.txt && diff awk-hh.txt vigil-hh.txt && echo same
> 43
> same
