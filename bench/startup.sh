#!/usr/bin/env bash
# A job's fixed cost: a 1,000-row aggregate end to end (JVM start included), against
# `inspect` of the same file (JVM and Hadoop client start, metadata read, no job), each with
# and without the class-data archive, the four alternated run by run.
#
#   bench/startup.sh                 # median of 7 runs of each
#   BENCH_RUNS=3 bench/startup.sh
#
# It also prints the last aggregate's -v line: where the time of one run went. The machine
# should be otherwise idle.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
dir="$work/bench/startup"
runs="${BENCH_RUNS:-7}"
lakemr="$root/bin/lakemr"
mkdir -p "$dir"

# build the jar first and record each command's class-data archive, so no timing includes them
"$lakemr" --help >/dev/null
"$lakemr" generate --rows 1000 --files 1 --output "$dir/in" --mode overwrite >/dev/null 2>&1
aggregate=(aggregate --input "$dir/in" --group-by status --agg 'count(*)' --output "$dir/out"
  --output-format csv --mode overwrite)
inspect=(inspect "$dir/in")
"$lakemr" "${aggregate[@]}" >/dev/null 2>&1
"$lakemr" "${inspect[@]}" >/dev/null 2>&1

declare -A times
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e" -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  times[$name]="${times[$name]:-} $(cat "$dir/$name.time")"
}
for _ in $(seq "$runs"); do
  timed aggregate "$lakemr" "${aggregate[@]}" -v
  timed inspect "$lakemr" "${inspect[@]}"
  LAKEMR_CDS=0 timed aggregate-no-cds "$lakemr" "${aggregate[@]}"
  LAKEMR_CDS=0 timed inspect-no-cds "$lakemr" "${inspect[@]}"
done

median() {
  printf '%s\n' $1 | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
echo "Fixed cost, 1,000 rows, median of $runs runs (whole processes, alternated)"
for name in aggregate inspect aggregate-no-cds inspect-no-cds; do
  printf '  %-18s %6.2f s   (runs:%s)\n' "$name" "$(median "${times[$name]}")" "${times[$name]}"
done
grep 'timing:' "$dir/aggregate.err" | sed 's/^/  last run: /'
