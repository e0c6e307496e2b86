#!/usr/bin/env bash
# The synthetic force at scale 1 against Hampshire's Home Office counts: recorded crime
# per ONS offence group in its 12 months within +-3% of the 12 months to June 2014, as
# computed here, independently, from shared/data/home-office/rec-crime-pfa.csv; ASB
# incidents and the resident population exactly as calibrated.
# usage: tests/cli/calibration.sh PATH/TO/vigil
set -eu
bin=$1
data=${VIGIL_SHARED_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/data}
csv="$data/home-office/rec-crime-pfa.csv"
if [ ! -r "$csv" ]; then echo "calibration: SKIP ($csv not found)"; exit 0; fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" init -q --db "$work/c.db"
start=$(date +%s)
"$bin" synth -q --db "$work/c.db" --seed 1 --scale 1 --to 2014-06
end=$(date +%s)
"$bin" stats --db "$work/c.db" --format json >"$work/stats.json"

awk -F, '$1 == "30-06-2014" && $2 == "Hampshire" {
    g = "";
    if ($4 ~ /^(Homicide|Death or serious injury caused by illegal driving|Violence with injury|Violence without injury|Stalking and harassment)$/) g = "Violence against the person";
    else if ($4 ~ /^(Domestic burglary|Non-domestic burglary|Vehicle offences|Theft from the person|Bicycle theft|Shoplifting|All other theft offences)$/) g = "Theft offences";
    else if ($4 != "Fraud offences") g = $4;
    if (g != "") want[g] += $5
} END { for (g in want) print g "\t" want[g] }' "$csv" | sort >"$work/want.tsv"

fail=0
while IFS=$'\t' read -r group want; do
    got=$(grep -F "\"$group\":" "$work/stats.json" | sed 's/.*: \([0-9]*\).*/\1/')
    diff=$(( got > want ? got - want : want - got ))
    if [ $((diff * 100)) -gt $((want * 3)) ]; then
        echo "calibration: FAIL $group: $got, Home Office $want"; fail=1
    else
        printf 'calibration: %-40s %7s (Home Office %7s)\n' "$group" "$got" "$want"
    fi
done <"$work/want.tsv"
asb=$(grep -F '"asb":' "$work/stats.json" | sed 's/.*: \([0-9]*\).*/\1/')
[ "$asb" = 60072 ] || { echo "calibration: FAIL ASB incidents $asb, expected 60072"; fail=1; }
pop=$(sqlite3 "$work/c.db" "SELECT sum(population) FROM area WHERE kind='neighbourhood'")
[ "$pop" = 1925263 ] || { echo "calibration: FAIL population $pop, expected 1925263"; fail=1; }
hh=$(sqlite3 "$work/c.db" "SELECT count(*) FROM location WHERE uprn IS NOT NULL")
echo "calibration: ASB $asb, population $pop, households $hh, generated in $((end - start)) s"
[ $fail -eq 0 ]
