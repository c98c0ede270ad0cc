#!/usr/bin/env bash
# Zarr read benchmark: aggregate over a Zarr v2 group of 1-D arrays written by zarr-python
# (Blosc lz4 + byte shuffle, 65,536-row chunks), against the raw read limit measured in the
# same run (bench-read: the same input format and record reader decoding every chunk of the
# same columns, nothing else) and against zarr-python + pandas doing the same group-by.
#
#   bench/zarr.sh                              # 10M rows, median of 5 runs of each
#   ROWS=2000000 BENCH_RUNS=3 bench/zarr.sh
#
# Each figure is the median wall time of BENCH_RUNS whole processes (JVM or Python start
# included); MB/s is over the store's bytes on disk. The machine should be otherwise idle.
# The store goes to ${LAKEMR_WORK_DIR:-.lakemr}/bench/ and is kept for the next run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
dir="$work/bench"
rows="${ROWS:-10000000}"
runs="${BENCH_RUNS:-5}"
store="$dir/sensors-zarr-$rows.zarr"
py=/usr/bin/python3
mkdir -p "$dir"

if ! "$py" -c 'import zarr, numcodecs, pandas' 2>/dev/null; then
  echo "bench/zarr.sh: installing python3-zarr, python3-numcodecs, python3-pandas (Debian) for $py" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y python3-zarr python3-numcodecs python3-pandas >&2
fi
if [ ! -d "$store" ]; then
  echo "bench/zarr.sh: writing $rows rows to $store" >&2
  "$py" "$root/bench/make_zarr.py" --rows "$rows" --output "$store" >&2
fi
bytes=$(du -sb "$store" | cut -f1)

# median wall seconds of $runs runs of a command; its last run's stdout goes to $1
median() {
  local out="$1"; shift
  local times=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e" -o "$out.time" "$@" >"$out" 2>"$out.err"
    times+=("$(cat "$out.time")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# build the jar first, so no timing includes a build
"$root/bin/lakemr" --help >/dev/null

agg_s=$(median "$dir/zarr-aggregate.out" "$root/bin/lakemr" aggregate --input "$store" --group-by station,status \
  --agg 'count(*),sum(value),min(value),max(value),avg(value)' \
  --output "$dir/zarr-by-station-status" --output-format csv --mode overwrite)
raw_s=$(median "$dir/zarr-bench-read.out" "$root/bin/lakemr" bench-read --input "$store" --columns station,status,value)
pd_s=$(median "$dir/zarr-pandas.out" "$py" "$root/bench/pandas_zarr.py" "$store")

cat "$dir/zarr-aggregate.out" "$dir/zarr-bench-read.out" "$dir/zarr-pandas.out"
agg_rows=$(sed -n 's/^  rows in *\([0-9,]*\).*/\1/p' "$dir/zarr-aggregate.out" | tr -d ,)
raw_rows=$(sed -n 's/^lakemr bench-read: \([0-9,]*\) rows.*/\1/p' "$dir/zarr-bench-read.out" | tr -d ,)
pd_rows=$(sed -n 's/^pandas: [0-9]* groups, \([0-9]*\) rows.*/\1/p' "$dir/zarr-pandas.out")
if [ "$agg_rows" != "$rows" ] || [ "$raw_rows" != "$rows" ] || [ "$pd_rows" != "$rows" ]; then
  echo "bench/zarr.sh: rows read differ: aggregate $agg_rows, bench-read $raw_rows, pandas $pd_rows, store $rows" >&2
  exit 1
fi
awk -v rows="$rows" -v a="$agg_s" -v r="$raw_s" -v p="$pd_s" -v b="$bytes" -v n="$runs" 'BEGIN {
  printf "\nZarr benchmark, %d rows, %.1f MB store, median of %d runs (whole processes)\n", rows, b / 1e6, n
  printf "  aggregate       %6.2f s  %12.0f rows/s  %7.1f MB/s\n", a, rows / a, b / 1e6 / a
  printf "  raw read        %6.2f s  %12.0f rows/s  %7.1f MB/s\n", r, rows / r, b / 1e6 / r
  printf "  zarr + pandas   %6.2f s  %12.0f rows/s  %7.1f MB/s\n", p, rows / p, b / 1e6 / p
  printf "  aggregate / raw read   %5.1f %% of the raw read rate\n", 100 * r / a
  printf "  aggregate / pandas     %5.2f x the pandas rate\n", p / a
}'
