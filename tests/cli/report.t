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
~ left out: Dyfed-Powys \(no population estimate\), Gwent \(no population estimate\), North Wales \(no population estimate\), South Wales \(no population estimate\)
~ Population: ONS mid-year estimate for 2013

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

$ vigil report performance --db h.db --force hampshire --to 2014-06 --format html > r.html && grep -c '<svg' r.html && grep -o '<td class="n">102412</td><td class="n">53.2</td>' r.html && grep -c '<polyline' r.html
> 1
> <td class="n">102412</td><td class="n">53.2</td>
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
