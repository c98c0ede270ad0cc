#!/usr/bin/env bash
# A daily incremental aggregate against a full one: 30 days of sensor rows in Hive directories
# day=YYYY-MM-DD/ (one Parquet file a day). Each round brings a table up to date over days 1-29
# (untimed), lands day 30, then times, each a whole process (JVM start included):
#   incremental   aggregate --incremental        reads day 30 only, merges it, rewrites 1 partition
#   full          aggregate --full-refresh       reads all 30 days, rewrites the table
#   plain         aggregate --mode overwrite     the same query into a directory, keeping no state
# and prints their medians over the rounds.
#
#   bench/incremental.sh                       # 30M rows (1M a day), 3 rounds
#   BENCH_ROWS=3000000 BENCH_RUNS=3 bench/incremental.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${BENCH_ROWS:-30000000}"
runs="${BENCH_RUNS:-3}"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
export LAKEMR_WORK_DIR="$work"
dir="$work/bench/incremental"
days="$dir/days-$rows"
landing="$dir/landing"
lakemr="$root/bin/lakemr"
catalog=(-D "lakemr.catalog.dir=$dir/catalog")
query=(--group-by day,station,status --partition-by day
  --agg 'count(*),sum(value),min(value),max(value),avg(value),stddev(value),approx_count_distinct(sensor_id)')
mkdir -p "$dir"

if [ ! -f "$days/_SUCCESS" ]; then
  echo "bench/incremental.sh: writing $rows rows as 30 daily directories into $days (once)" >&2
  rm -rf "$dir/generated" "$days"
  "$lakemr" generate --rows "$rows" --output "$dir/generated" >/dev/null
  "$lakemr" convert --input "$dir/generated" --derive "day=date(ts)" --partition-by day \
    --output "$days" >/dev/null
  rm -rf "$dir/generated"
fi
mapfile -t all_days < <(cd "$days" && ls -d day=* | sort)
last="${all_days[${#all_days[@]}-1]}"

declare -A times
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e" -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || {
    cat "$dir/$name.err" >&2; exit 1; }
  times[$name]="${times[$name]:-} $(cat "$dir/$name.time")"
}
for _ in $(seq "$runs"); do
  rm -rf "$landing" "$dir/table" "$dir/catalog" "$dir/plain"
  mkdir -p "$landing"
  for d in "${all_days[@]}"; do
    [ "$d" = "$last" ] || cp -al "$days/$d" "$landing/"   # hard links: same files, no copy
  done
  "$lakemr" catalog "${catalog[@]}" create daily --location "$dir/table" --partition-by day >/dev/null
  "$lakemr" aggregate "${catalog[@]}" --input "$landing" --output table:daily --incremental "${query[@]}" >/dev/null
  cp -al "$days/$last" "$landing/"
  timed incremental "$lakemr" aggregate "${catalog[@]}" --input "$landing" --output table:daily --incremental \
    "${query[@]}"
  timed full "$lakemr" aggregate "${catalog[@]}" --input "$landing" --output table:daily --full-refresh \
    "${query[@]}"
  timed plain "$lakemr" aggregate --input "$landing" --output "$dir/plain" --mode overwrite "${query[@]}"
done

median() {
  printf '%s\n' $1 | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
inc="$(median "${times[incremental]}")"
full="$(median "${times[full]}")"
echo "Daily aggregate, $rows rows over 30 days, day 30 new; median of $runs rounds"
for name in incremental full plain; do
  printf '  %-12s %6.2f s   (runs:%s)\n' "$name" "$(median "${times[$name]}")" "${times[$name]}"
done
awk -v i="$inc" -v f="$full" 'BEGIN { printf "  incremental = %.3f x full = full/30 (%.2f s) + %.2f s\n", i / f, f / 30, i - f / 30 }'
grep -E 'rows in|table ' "$dir/incremental.out" | sed 's/^/  last incremental run: /'
