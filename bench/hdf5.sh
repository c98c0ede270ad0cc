#!/usr/bin/env bash
# HDF5 read benchmark: aggregate over a chunked, shuffle+deflate compound file written by
# libhdf5 (h5py), against the raw read limit measured in the same run (bench-read: the same
# input format and record reader decoding every chunk of the same columns, nothing else).
#
#   bench/hdf5.sh                 # 10M rows
#   ROWS=20000000 bench/hdf5.sh
#
# Times are wall clock; CPU seconds and peak RSS come from /usr/bin/time. The machine
# should be otherwise idle.
# The file goes to ${LAKEMR_WORK_DIR:-.lakemr}/bench/ and is kept for the next run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
dir="$work/bench"
rows="${ROWS:-10000000}"
file="$dir/sensors-hdf5-$rows.h5"
py=/usr/bin/python3
mkdir -p "$dir"

if ! "$py" -c 'import h5py' 2>/dev/null; then
  echo "bench/hdf5.sh: installing python3-h5py (Debian) for $py" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y python3-h5py >&2
fi
if [ ! -f "$file" ]; then
  echo "bench/hdf5.sh: writing $rows rows to $file" >&2
  "$py" "$root/bench/make_hdf5.py" --rows "$rows" --output "$file" >&2
fi
bytes=$(stat -c %s "$file")

# wall s, user s, sys s, max RSS KB of one command
timed() { local out="$1"; shift; /usr/bin/time -f "%e %U %S %M" -o "$out" "$@"; }

# build the jar first, so neither timing includes a build
"$root/bin/lakemr" --help >/dev/null

timed "$dir/hdf5-aggregate.time" "$root/bin/lakemr" aggregate --input "$file" --group-by station,status \
  --agg 'count(*),sum(value),min(value),max(value),avg(value)' \
  --output "$dir/hdf5-by-station-status" --output-format csv --mode overwrite >"$dir/hdf5-aggregate.out" 2>"$dir/hdf5-aggregate.err"
timed "$dir/hdf5-bench-read.time" "$root/bin/lakemr" bench-read --input "$file" --columns station,status,value >"$dir/hdf5-bench-read.out" 2>"$dir/hdf5-bench-read.err"

cat "$dir/hdf5-aggregate.out" "$dir/hdf5-bench-read.out"
read -r agg_s agg_user agg_sys agg_rss <"$dir/hdf5-aggregate.time"
read -r raw_s raw_user raw_sys raw_rss <"$dir/hdf5-bench-read.time"
agg_rows=$(sed -n 's/^  rows in *\([0-9,]*\).*/\1/p' "$dir/hdf5-aggregate.out" | tr -d ,)
raw_rows=$(sed -n 's/^lakemr bench-read: \([0-9,]*\) rows.*/\1/p' "$dir/hdf5-bench-read.out" | tr -d ,)
awk -v rows="$agg_rows" -v raw="$raw_rows" -v a="$agg_s" -v r="$raw_s" -v b="$bytes" \
    -v acpu="$(echo "$agg_user + $agg_sys" | bc -l)" -v rcpu="$(echo "$raw_user + $raw_sys" | bc -l)" \
    -v arss="$agg_rss" -v rrss="$raw_rss" 'BEGIN {
  printf "\nHDF5 benchmark, %d rows, %.1f MB file (end to end, JVM start included)\n", rows, b / 1e6
  printf "  aggregate   %6.2f s  %12.0f rows/s  %7.1f MB/s  %6.1f CPU s  %5d MB peak RSS\n", a, rows / a, b / 1e6 / a, acpu, arss / 1024
  printf "  raw read    %6.2f s  %12.0f rows/s  %7.1f MB/s  %6.1f CPU s  %5d MB peak RSS\n", r, raw / r, b / 1e6 / r, rcpu, rrss / 1024
  printf "  ratio       %5.1f %% of the raw read rate (target >= 80 %%)\n", 100 * (rows / a) / (raw / r)
}'
