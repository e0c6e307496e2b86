#!/usr/bin/env bash
# Hotspots (issue 7) side by side with R spatstat's density.ppp (Debian r-cran-spatstat)
# on the same points and the same grid in one run: the synthetic force's recorded crimes
# for a year (about 100,000 at scale 1), a grid of about 1,000 x 1,000 cells.
#   Vigil: exact quartic kernel density (vg_kde_quartic) and Gi* + FDR, timed inside the
#          command ("seconds" in its JSON) and as a whole process.
#   spatstat: density.ppp with the quartic kernel of the same support (sigma = h / sqrt 8, the standard deviation of each coordinate under the 2-D quartic kernel of radius h)
#          and with its default Gaussian (sigma = h / 2), both by FFT at the same grid; the
#          largest difference from Vigil's exact quartic density is reported.
# usage: bench/hotspots.sh BUILD_DIR [SCALE=1] [BANDWIDTH=250] [RUNS=5]
set -euo pipefail
build=$1; scale=${2:-1}; bw=${3:-250}; runs=${4:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db=$work/h.db
"$build/vigil" init -q --db "$db"
"$build/vigil" synth -q --db "$db" --scale "$scale" --from 2013-07
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# the points, as the analysis reads them (recorded crimes with a grid position)
"$build/vigil" analyse hotspots --db "$db" --from 2013-07 --to 2014-06 --cell 1000 --bandwidth 1 --format json > "$work/probe.json"
sqlite3 -csv "$db" "SELECT l.easting, l.northing FROM crime c JOIN location l ON l.id = c.location_id
  WHERE c.status = 'recorded' AND l.easting IS NOT NULL AND coalesce(c.committed_at, c.recorded_at) >= '2013-07-01'
  AND coalesce(c.committed_at, c.recorded_at) < '2014-07-01'" | sed '1i x,y' > "$work/points.csv"
n=$(($(wc -l < "$work/points.csv") - 1))
# a square around the points (with the bandwidth around them) cut into 1,000 x 1,000 cells
cell=$(python3 -c "
import csv, json
xs, ys = zip(*[(float(r['x']), float(r['y'])) for r in csv.DictReader(open('$work/points.csv'))])
side = max(max(xs) - min(xs), max(ys) - min(ys)) + 2 * $bw
cell = side / 1000
x0, y0 = (min(xs) + max(xs) - side) / 2, (min(ys) + max(ys) - side) / 2
e = side - cell * 1e-6
ring = [[x0, y0], [x0 + e, y0], [x0 + e, y0 + e], [x0, y0 + e], [x0, y0]]
json.dump({'type': 'Polygon', 'coordinates': [ring]}, open('$work/square.json', 'w'))
print(repr(cell))")
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "== $n points, cell $cell m, quartic bandwidth $bw m"
for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "%e" -o "$work/t" "$build/vigil" analyse hotspots --input "$work/points.csv" --crs EPSG:27700 \
        --polygon "$work/square.json" --cell "$cell" --bandwidth "$bw" --format json > "$work/v.json"
    python3 -c "import json; s = json.load(open('$work/v.json'))['seconds']; print(s['density'], s['gi_star'], s['fdr'])" >> "$work/vt"
    cat "$work/t" >> "$work/vw"
done
read -r nx ny x0 y0 < <(python3 -c "import json; g = json.load(open('$work/v.json'))['grid']; print(g['nx'], g['ny'], g['x0'], g['y0'])")
kde=$(cut -d' ' -f1 "$work/vt" | median); gi=$(cut -d' ' -f2 "$work/vt" | median); fdr=$(cut -d' ' -f3 "$work/vt" | median)
echo "  grid $nx x $ny = $((nx * ny)) cells"
echo "  vigil: density (exact quartic) median $kde s; Gi* median $gi s; FDR median $fdr s; whole process median $(median < "$work/vw") s ($runs runs)"
"$build/vigil" analyse hotspots --input "$work/points.csv" --crs EPSG:27700 --polygon "$work/square.json" --cell "$cell" \
    --bandwidth "$bw" --format csv > "$work/v.csv"
command -v Rscript >/dev/null || { echo "  spatstat: Rscript not installed (apt-get install r-base-core r-cran-spatstat)"; exit 0; }
Rscript --vanilla - "$work/points.csv" "$work/v.csv" "$nx" "$ny" "$x0" "$y0" "$cell" "$bw" "$runs" "$kde" <<'RS'
a <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(spatstat))
p <- read.csv(a[1]); v <- read.csv(a[2])
nx <- as.integer(a[3]); ny <- as.integer(a[4]); x0 <- as.numeric(a[5]); y0 <- as.numeric(a[6])
cell <- as.numeric(a[7]); h <- as.numeric(a[8]); runs <- as.integer(a[9]); vigil <- as.numeric(a[10])
W <- owin(c(x0, x0 + nx * cell), c(y0, y0 + ny * cell))
X <- ppp(p$x, p$y, window = W, check = FALSE)
timed <- function(f) { t <- numeric(runs); for (i in seq_len(runs)) t[i] <- system.time(r <- f())[["elapsed"]]; list(r = r, t = median(t)) }
q <- timed(function() density.ppp(X, sigma = h / sqrt(8), kernel = "quartic", dimyx = c(ny, nx), edge = FALSE, diggle = FALSE))
g <- timed(function() density.ppp(X, sigma = h / 2, dimyx = c(ny, nx), edge = FALSE, diggle = FALSE))
# Vigil's exact density at the same cell centres (cells absent from its CSV are 0)
exact <- matrix(0, ny, nx)
i <- round((v$x - x0) / cell + 0.5); j <- round((v$y - y0) / cell + 0.5)
exact[cbind(j, i)] <- v$density
sq <- as.matrix(q$r) * 1e6
diff <- max(abs(sq - exact)); top <- max(exact)
cat(sprintf("  spatstat density.ppp quartic (FFT): median %.3f s; spatstat / vigil: %.0fx\n", q$t, q$t / vigil))
cat(sprintf("  spatstat density.ppp Gaussian (FFT): median %.3f s; spatstat / vigil: %.0fx\n", g$t, g$t / vigil))
w <- which(abs(sq - exact) == diff, arr.ind = TRUE)[1, ]
cat(sprintf("  largest difference, spatstat quartic vs Vigil exact: %.4g per km2 = %.2f%% of the highest density (%.1f), at a cell whose 3 x 3 block holds %d points; mean absolute %.4g; cells differing by more than 1%% of the highest: %d\n",
            diff, 100 * diff / top, top, sum(p$x >= x0 + (w[2] - 2) * cell & p$x < x0 + (w[2] + 1) * cell & p$y >= y0 + (w[1] - 2) * cell & p$y < y0 + (w[1] + 1) * cell),
            mean(abs(sq - exact)), sum(abs(sq - exact) > 0.01 * top)))
RS
