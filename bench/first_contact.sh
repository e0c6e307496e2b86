#!/usr/bin/env bash
# First-contact accuracy on the synthetic force's ground truth (issue 4): generates the
# scale-1 force, trains the match model by EM, scores person resolution against
# synth_truth at every threshold (the precision-recall curve) and the briefing's
# repeat-victim flags against the true histories.
# usage: bench/first_contact.sh BUILD_DIR [SCALE=1]
set -eu
build=$1; scale=${2:-1}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$build/vigil" init -q --db "$work/f.db"
"$build/vigil" synth -q --db "$work/f.db" --scale "$scale" --from 2013-07
"$build/vigil" match train --db "$work/f.db" | head -n 2
echo "== person resolution: precision and recall by match weight (curve in $work/pr.csv)"
"$build/bench/match_eval" "$work/f.db" --model "$work/model.json" > "$work/pr.csv"
awk -F, 'NR == 1 || ($1 >= 10 && $1 <= 20)' "$work/pr.csv"
echo "== repeat-victim flags against the truth"
"$build/bench/repeat_eval" "$work/f.db" --from 2014-05-01 --max 3000
