#!/usr/bin/env bash
# Reading one partition of a 10,000-file table: through the table's log (--input table:NAME)
# against a listing of its directory (--input PATH), the same query, alternated run by run.
#
#   bench/catalog.sh                       # 100 partitions x 100 files, median of 5 runs
#   PARTITIONS=20 FILES=50 BENCH_RUNS=3 bench/catalog.sh
#
# The table is 10,000 copies of one small Parquet file of the sample table in Hive partition
# directories day=dNNN/, registered once in a catalog under the work directory. Each run is a
# whole process (JVM start included); -v gives the planning and submission times.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
dir="$work/bench/catalog"
partitions="${PARTITIONS:-100}"
files="${FILES:-100}"
runs="${BENCH_RUNS:-5}"
lakemr="$root/bin/lakemr"
table="$dir/table-$partitions-$files"
export LAKEMR_WORK_DIR="$work"
catalog=(-D "lakemr.catalog.dir=$dir/catalog")
mkdir -p "$dir"

if [ ! -d "$table/_lakemr_log" ]; then
  rm -rf "$table" "$dir/seed" "$dir/catalog"
  "$lakemr" generate --rows 1000 --files 1 --output "$dir/seed" >/dev/null 2>&1
  seed="$(ls "$dir"/seed/part-*.parquet | head -n 1)"
  for p in $(seq -f '%03g' 1 "$partitions"); do
    mkdir -p "$table/day=d$p"
    for f in $(seq -f '%05g' 1 "$files"); do
      cp "$seed" "$table/day=d$p/part-$f.parquet"
    done
  done
  echo "bench/catalog.sh: registering $((partitions * files)) files" >&2
  "$lakemr" catalog "${catalog[@]}" register bench --location "$table" >&2
fi

declare -A times
declare -A lines
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e" -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err"
  times[$name]="${times[$name]:-} $(cat "$dir/$name.time")"
  lines[$name]="$(grep 'timing:' "$dir/$name.err" || true)"
}
query=(--where "day = 'd042'" --agg 'count(*)' --output-format csv --mode overwrite)
for _ in $(seq "$runs"); do
  timed log "$lakemr" aggregate "${catalog[@]}" -v --input table:bench --output "$dir/out-log" "${query[@]}"
  timed listing "$lakemr" aggregate "${catalog[@]}" -v --input "$table" --output "$dir/out-listing" "${query[@]}"
done

median() {
  printf '%s\n' $1 | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}
echo "One partition of $((partitions * files)) files ($partitions partitions), median of $runs runs"
for name in log listing; do
  printf '  %-8s %6.2f s   (runs:%s)\n' "$name" "$(median "${times[$name]}")" "${times[$name]}"
  echo "           ${lines[$name]}"
done
diff <(tail -n 1 "$dir"/out-log/part-*) <(tail -n 1 "$dir"/out-listing/part-*) >/dev/null \
  || { echo "bench/catalog.sh: the two reads counted different rows" >&2; exit 1; }
