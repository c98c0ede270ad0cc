#!/usr/bin/env bash
# Small-file benchmark: `convert --partition-by date --target-file-size SIZE` of a table of
# 10,000 small Parquet files, checking that each output partition holds no more files than its
# bytes call for: at most ceil(partition bytes / SIZE) + 1. Prints, per target size, the wall
# time (whole process, JVM start included), the output files and bytes, and the partitions
# over the limit (none, when the rule holds).
#
#   bench/small-files.sh                          # 10,000 files of 2,000 rows, 128m and 2m
#   BENCH_FILES=2000 TARGETS='128m 1m' bench/small-files.sh
#
# The input is BENCH_FILES copies (cp) of 100 distinct generated files of BENCH_FILE_ROWS rows
# each (the sample table: ts uniform over 30 days, so 30 date partitions), built once under
# ${LAKEMR_WORK_DIR:-.lakemr}/bench/small-files/ and kept for the next run. 128m is the size
# a lake is written at; a smaller target shows the rule with several files per partition at
# this data size.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
export LAKEMR_WORK_DIR="$work"
dir="$work/bench/small-files"
files="${BENCH_FILES:-10000}"
file_rows="${BENCH_FILE_ROWS:-2000}"
targets="${TARGETS:-128m 2m}"
lakemr="$root/bin/lakemr"
data="$dir/input-$files-$file_rows"
mkdir -p "$dir"

# build lakemr's jar first, so no timing includes a build
"$lakemr" --help >/dev/null

if [ ! -f "$data/_SUCCESS" ]; then
  echo "bench/small-files.sh: writing $files files of $file_rows rows into $data (once)" >&2
  rm -rf "$data" "$dir/seed-$file_rows"
  "$lakemr" generate --rows $((file_rows * 100)) --files 100 --output "$dir/seed-$file_rows" >/dev/null 2>&1
  seeds=("$dir/seed-$file_rows"/part-*.parquet)
  mkdir -p "$data"
  for i in $(seq 0 $((files - 1))); do
    cp "${seeds[$((i % ${#seeds[@]}))]}" "$(printf '%s/part-%05d.parquet' "$data" "$i")"
  done
  touch "$data/_SUCCESS"
fi
in_bytes=$(find "$data" -name 'part-*' -printf '%s\n' | awk '{ s += $1 } END { print s }')

# bytes of a size with a k, m or g suffix
to_bytes() {
  awk -v s="$1" 'BEGIN { n = s + 0; u = tolower(substr(s, length(s)))
    print (u == "k") ? n * 1024 : (u == "m") ? n * 1048576 : (u == "g") ? n * 1073741824 : n }'
}

echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo "input: $files Parquet files, $((files * file_rows)) rows, $(awk -v b="$in_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
bad=0
for target in $targets; do
  out="$dir/out-$target"
  /usr/bin/time -f "%e" -o "$dir/convert-$target.time" "$lakemr" convert --input "$data" \
    --derive 'date=date(ts)' --partition-by date --target-file-size "$target" --output "$out" --mode overwrite \
    >"$dir/convert-$target.out" 2>"$dir/convert-$target.err" \
    || { echo "bench/small-files.sh: convert with --target-file-size $target failed:" >&2
         tail -n 20 "$dir/convert-$target.err" >&2; exit 1; }
  # one line per partition: name, files, bytes, allowed files
  for p in "$out"/date=*; do
    find "$p" -name '*.parquet' -type f -printf '%s\n' \
      | awk -v p="${p##*/}" -v t="$(to_bytes "$target")" '{ n++; b += $1 }
        END { a = int(b / t); if (a * t < b) a++; print p, n, b, a + 1 }'
  done >"$dir/partitions-$target.txt"
  awk -v target="$target" -v secs="$(cat "$dir/convert-$target.time")" -v rows="$((files * file_rows))" '
    { parts++; n += $2; b += $3; allowed += $4; if ($2 > maxf) maxf = $2
      if ($2 > $4) { over++; if (over <= 5) lines = lines sprintf("    %s: %d files, %.1f MB, at most %d\n", $1, $2, $3 / 1e6, $4) } }
    END {
      printf "\n--target-file-size %s: %.2f s (%.0f rows/s), %d partitions, %d files, %.1f MB (%.1f MB a partition)\n", \
        target, secs, rows / secs, parts, n, b / 1e6, b / 1e6 / parts
      printf "  files a partition: at most %d; the rule allows %d in all (ceil(bytes / target) + 1 each)\n", maxf, allowed
      if (over) { printf "  %d partitions hold more files than the rule allows:\n%s", over, lines; exit 1 }
      print "  every partition within the rule" }' "$dir/partitions-$target.txt" || bad=1
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
exit "$bad"
