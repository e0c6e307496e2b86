#requires: shared-data
# vigil analyse near-repeat: the Knox test on the published reference data, every input
# form (header or not, NA rows, day-first dates, longitude/latitude), the output forms,
# bad input, and the records of the synthetic force (which has a near-repeat pattern in
# burglary and none in vehicle crime).

# The NearRepeat vignette's published observed table (chicago_be_month1.csv, no header).
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_be_month1.csv --distance-bands 0,0.1,200,400,600 --time-bands 0,7,14,21 --metric manhattan --permutations 99 --seed 7 --format json
~ "n":970,"skipped":0,
~ "observed":\[\[28,5,5,2\],\[141,69,27,20\],\[186,140,100,46\],\[237,192,128,70\],\[181848,145884,95054,45783\]\]
~ "p_value":\[\[0\.01,
~ "distance_bands":\[0\.0,0\.1,200\.0,400\.0,600\.0\],"time_bands":\[0\.0,7\.0,14\.0,21\.0\]

# The same as text: the tables labelled with half-open bands.
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_be_month1.csv --permutations 19
~ ^970 events \(0 rows skipped\), manhattan distance, 19 permutations \(seed 1\)$
~ ^\[0, 0\.1\) m +28 +5 +5 +2$
~ ^600 m or more +181848 +145884 +95054 +45783$
~ ^Knox ratio \(observed / expected\)$
~ ^p-value \(Monte Carlo\)$

# A header (X,Y,date) and one row with NA: skipped, counted and reported, never guessed.
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_be.csv --permutations 0 --format json
~ "n":11700,"skipped":1,
~ "p_value":null
! chicago_be\.csv:2364: skipped: date is missing

# dd/mm/yyyy dates with a header naming date_single; the same seed gives the same answer.
$ for i in 1 2; do vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_burglary_2014_2017.csv --date-format dd/mm/yyyy --distance-bands 0,200 --time-bands 0,7 --permutations 39 --seed 11 --format json | md5sum; done | uniq | wc -l
> 1

$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_burglary_2014_2017.csv --date-format dd/mm/yyyy --distance-bands 0,200 --time-bands 0,7 --permutations 0 --format json
~ "n":45319,"skipped":0,

# Longitude and latitude (Washington DC, ISO timestamps): projected to the UTM zone, said so.
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/DC_Burglary.csv --lonlat --permutations 0 --format json
~ "n":32195,"skipped":0,
~ "projected_to":"EPSG:32618"

# Month-first dates with a time after them (Seattle).
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/Seattle_Burglary.csv --lonlat --date-format mm/dd/yyyy --permutations 0 --format json
~ "n":42709,"skipped":0,
~ "projected_to":"EPSG:32610"

# The wrong date format: nothing readable is an error naming the file and line (exit 3).
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/Seattle_Burglary.csv --lonlat
? 3
! Seattle_Burglary\.csv:2: no readable row \(all 42709 skipped; the first: t is not a date in the expected format\)

# An HTML page: the four tables, significant cells marked.
$ vigil analyse near-repeat --input $VIGIL_SHARED_DATA/near-repeat/chicago_be_month1.csv --permutations 99 --format html
~ ^<!DOCTYPE html>
~ <caption>Observed pairs</caption>
~ <th scope="row">\[0, 0\.1\) m</th><td class="hot">28</td>
~ <caption>p-value \(Monte Carlo\)</caption>

# Hand-written files: a header without a date column; rows with NA, empty and bad values.
$ printf 'easting,northing,when\n1,2,2020-01-01\n' > a.csv && vigil analyse near-repeat --input a.csv
? 3
! a\.csv:1: the header has no a date column

$ printf 'x,y,date\n0,0,2020-01-01\n10,0,2020-01-02\nNA,5,2020-01-03\n3,,2020-01-03\n4,4,\n5,5,2020-02-30\nabc,1,2020-01-01\n20,0,2020-01-05\n' > b.csv && vigil analyse near-repeat --input b.csv --distance-bands 0,50 --time-bands 0,7 --permutations 0 --format json
~ "n":3,"skipped":5,
~ "observed":\[\[3,0\],\[0,0\]\]
! b\.csv:4: skipped: x is missing
! b\.csv:5: skipped: y is missing
! b\.csv:6: skipped: date is missing
! b\.csv:7: skipped: date is not a date in the expected format
! b\.csv:8: skipped: x is not a number

$ printf '0,0,2020-01-01\n"unclosed,1,2020-01-01\n' > c.csv && vigil analyse near-repeat --input c.csv
? 3
! c\.csv:[0-9]+:[0-9]+: quoted field not closed

# Usage errors (exit 2) name the option.
$ vigil analyse near-repeat --input b.csv --distance-bands 200,100
? 2
! distance-bands: give 2 to 64 ascending, non-negative distances

$ vigil analyse near-repeat --input b.csv --time-bands 0,x
? 2
! --time-bands must be comma-separated days

$ vigil analyse near-repeat --input b.csv --metric chebyshev
? 2

$ vigil analyse near-repeat --input b.csv --from 2014-01 --to 2014-02
? 2
! give either --input or --from/--to/--crime-type/--area, not both

$ vigil analyse hot-dogs
? 2

# From the records: burglary in the synthetic force repeats near in space and time,
# vehicle crime does not. The consultation is audited.
$ vigil init -q --db s.db && vigil synth -q --db s.db --scale 0.1 --seed 3 --to 2014-06 && vigil analyse near-repeat --db s.db --from 2013-07 --to 2014-06 --crime-type burglary --distance-bands 0,200 --time-bands 0,7 --permutations 99 --format json
~ "p_value":\[\[0\.01,
~ "knox_ratio":\[\[1\.[5-9]

$ vigil analyse near-repeat --db s.db --from 2013-07 --to 2014-06 --crime-type vehicle-crime --distance-bands 0,200 --time-bands 0,7 --permutations 99 --format json
~ "p_value":\[\[0\.([1-9]|0[6-9])

$ vigil analyse near-repeat --db s.db --from 2013-07 --to 2014-06 --crime-type burglary --area "Stoke-Barehills Central" --permutations 9 --format json
~ "n":[1-9]

$ vigil audit export --db s.db | grep -c "crime locations: area:0 2013-07-01 to 2014-06-30, burglary"
> 1

$ vigil analyse near-repeat --db s.db --from 2013-07 --to 2014-06 --crime-type "stolen bicycles"
? 3
! crime-type: 'stolen bicycles' is not a police\.uk crime type

$ vigil analyse near-repeat --db s.db --from 2013-07 --to 2014-06 --area Nowhere
? 1
! no neighbourhood or local authority with the code or name 'Nowhere'

# ---- hotspots

# A hand-made cluster of 30 events in one 100 m cell among 40 spread ones: the densest
# cell is the cluster's and it is a significant hotspot.
$ printf 'x,y\n' > h.csv && for i in $(seq 1 30); do echo "$((500 + i % 5)),$((500 + i % 7))" >> h.csv; done && for i in $(seq 1 40); do echo "$((i * 97 % 2000)),$((i * 61 % 2000))" >> h.csv; done && vigil analyse hotspots --input h.csv --cell 100 --bandwidth 200 --gi-radius 100
~ ^70 events \(70 on the grid, 0 rows skipped\); 24 x 24 cells of 100 m; quartic kernel, bandwidth 200 m$
~ ^ +1 +487\.0 +463\.0 +[0-9.]+ +30 +[0-9.]+ hot$

$ vigil analyse hotspots --input h.csv --cell 100 --bandwidth 200 --format csv
> x,y,density,count,gi_z,gi_p,hotspot
~ ^487\.00,463\.00,[0-9.]+,30,[0-9.]+,[0-9.e-]+,hot$

# Any polygon (GeoJSON, here in the events' metres): the grid is its extent.
$ printf '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1000,0],[1000,1000],[0,1000],[0,0]]]}}' > p.json && vigil analyse hotspots --input h.csv --cell 100 --bandwidth 200 --polygon p.json --format json
~ "grid":\{"x0":0\.0,"y0":0\.0,"cell":100\.0,"nx":10,"ny":10,"crs":""\}

# Longitude/latitude (Memphis robberies; columns geometry_x, geometry_y) to GeoJSON in WGS84.
$ vigil analyse hotspots --input $VIGIL_SHARED_DATA/incidents/memphis_robberies.csv --lonlat --cell 200 --bandwidth 800 --format geojson
~ ^\{"type":"FeatureCollection","features":\[$
~ "coordinates":\[\[\[-90\.0[0-9]+,3[45]\.[0-9]+\]
~ "hotspot":"hot"

$ vigil analyse hotspots --input $VIGIL_SHARED_DATA/incidents/memphis_robberies.csv --lonlat --cell 200 --bandwidth 800 --format svg
~ ^<svg xmlns="http://www.w3.org/2000/svg"
~ <desc id="hs-desc">Kernel density of 2245 events

$ vigil analyse hotspots --input $VIGIL_SHARED_DATA/incidents/crime_houston_2010.csv --columns lon,lat --lonlat --cell 250 --bandwidth 1000 --format json
~ "n":86309,"skipped":5,
~ "crs":"EPSG:32615"

# Bad input.
$ vigil analyse hotspots --input h.csv --cell 0
? 2
! --cell must be a positive number of metres

$ vigil analyse hotspots --input h.csv --format geojson
? 2
! say which grid x,y are on with --crs

$ vigil analyse hotspots --input h.csv --cell 0.001
? 2
! cell: .* choose larger cells

$ printf '{"type":"Point","coordinates":[1,2]}' > q.json && vigil analyse hotspots --input h.csv --polygon q.json
? 3
! q\.json: no Polygon or MultiPolygon

$ printf '{"type":' > r.json && vigil analyse hotspots --input h.csv --polygon r.json
? 3
! r\.json:1:

# From the records, for a neighbourhood: its outline bounds and masks the grid; HTML page.
$ vigil analyse hotspots --db s.db --from 2013-07 --to 2014-06 --area "Stoke-Barehills Central" --cell 50 --bandwidth 200 --format html
~ ^<h1>Hotspots</h1>$
~ <caption>The densest cells</caption>
~ <td>5[0-2]\.[0-9]+, -[0-9]\.[0-9]+</td>

$ vigil analyse hotspots --db s.db --from 2013-07 --to 2014-06 --area "Stoke-Barehills Central" --cell 50 --bandwidth 200 --format geojson
~ "coordinates":\[\[\[-[0-9]\.[0-9]+,5[0-2]\.[0-9]+\]
