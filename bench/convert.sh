#!/usr/bin/env bash
# Convert benchmark: `convert --derive 'date=date(ts)' --partition-by date` of the sample table
# from Parquet (8 snappy files) and from uncompressed CSV (with a header) to Parquet partitioned
# by date, against Spark 4.2 in local[2] doing the same in the same run: the same files read
# with the table's schema declared, date = the UTC date of ts as yyyy-MM-dd,
# `df.write.partitionBy("date")` as snappy Parquet (bench/spark's SparkConvert).
#
#   bench/convert.sh                                     # 20M rows in 8 files, median of 3 runs
#   BENCH_ROWS=2000000 BENCH_RUNS=1 bench/convert.sh
#   FORMATS=csv bench/convert.sh                         # one input format only
#
# Each figure is the median wall time of BENCH_RUNS whole processes (JVM start included), both
# with the same heap (-Xmx${LAKEMR_HEAP:-2g}, as bench/text.sh gives Spark and bin/lakemr gives
# lakemr); the two sides alternate inside each run, so load from elsewhere falls on both. One
# untimed run of each side comes first (BENCH_WARMUP=0 to skip it): it warms the page cache
# and records bin/lakemr's class-data archive, which the first run after a build writes.
# The script checks that both outputs hold the same rows per date (count exactly, sum of value
# to 1e-9 relative, read back with `lakemr aggregate --group-by date`) and that every
# generated row was written, and prints the output file and partition counts. The Spark side
# is the separate Maven project bench/spark/, built here on first use.
# Data goes to ${LAKEMR_WORK_DIR:-.lakemr}/bench/ and is kept for the next run (the same
# files as bench/aggregate.sh and bench/text.sh use).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
export LAKEMR_WORK_DIR="$work"
dir="$work/bench"
rows="${BENCH_ROWS:-20000000}"
files="${BENCH_FILES:-8}"
runs="${BENCH_RUNS:-3}"
formats="${FORMATS:-parquet csv}"
heap="${LAKEMR_HEAP:-2g}"
export LAKEMR_HEAP="$heap"
lakemr="$root/bin/lakemr"
spark_dir="$root/bench/spark"
spark_jar="$spark_dir/target/spark-yardstick-0.1.0-SNAPSHOT.jar"
schema='ts:long,station:string,status:string,value:double,sensor_id:long'
mkdir -p "$dir"

# Java 17 module openings Spark 4 needs (as its launcher's JavaModuleOptions lists them)
spark_opens=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)

if [ ! -f "$spark_jar" ] || [ ! -f "$spark_dir/target/classpath.txt" ] \
    || [ -n "$(find "$spark_dir/src" "$spark_dir/pom.xml" -newer "$spark_jar" -print -quit)" ]; then
  echo "bench/convert.sh: building the Spark yardstick in $spark_dir" >&2
  (cd "$spark_dir" && mvn -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >&2)
fi
spark_cp="$spark_jar:$(cat "$spark_dir/target/classpath.txt")"

# build lakemr's jar first, so no timing includes a build
"$lakemr" --help >/dev/null
sides=(lakemr spark)

# runs a side once: wall seconds and peak RSS (KiB) appended to $1.time, stdout to $1.out
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -a -o "$name.time" "$@" >"$name.out" 2>"$name.err" \
    || { echo "bench/convert.sh: $name failed:" >&2; tail -n 20 "$name.err" >&2; return 1; }
}
median() { sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

side_lakemr() {
  local input=()
  [ "$fmt" = csv ] && input=(--format csv --schema "$schema")
  timed "$1" "$lakemr" convert --input "$data" "${input[@]}" --derive 'date=date(ts)' --partition-by date \
    --output "$dir/convert-$fmt-lakemr" --mode overwrite
}
side_spark() {
  timed "$1" java -Xmx"$heap" "${spark_opens[@]}" -cp "$spark_cp" io.lakemr.bench.SparkConvert "$fmt" "$data" \
    "$dir/convert-$fmt-spark"
}

# rows and sum of value per date of an output directory, sorted, to $2
per_date() {
  "$lakemr" aggregate --input "$1" --group-by date --agg 'count(*),sum(value)' --output "$2.d" \
    --output-format csv --mode overwrite >/dev/null 2>"$2.err" \
    || { echo "bench/convert.sh: reading back $1 failed:" >&2; tail -n 20 "$2.err" >&2; return 1; }
  for part in "$2.d"/part-r-*.csv; do
    tail -n +2 "$part"
  done | sort >"$2"
}

# checks both outputs hold the same rows per date, and $rows in all
compare_outputs() {
  per_date "$dir/convert-$fmt-lakemr" "$dir/convert-$fmt-lakemr.dates"
  per_date "$dir/convert-$fmt-spark" "$dir/convert-$fmt-spark.dates"
  awk -F, -v rows="$rows" 'function rel(a, b) { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); return m == 0 ? d : d / m }
    NR == FNR { c[$1] = $2; s[$1] = $3; n++; total += $2; next }
    { seen++
      if (!($1 in c) || c[$1] != $2 || rel(s[$1], $3) > 1e-9) {
        print "date " $1 " differs: lakemr " c[$1] "," s[$1] ", spark " $2 "," $3; bad++ } }
    END { if (seen != n) { print "dates: lakemr " n ", spark " seen; bad++ }
      if (total != rows) { print "rows: lakemr wrote " total ", generated " rows; bad++ }
      exit bad > 0 }' \
    "$dir/convert-$fmt-lakemr.dates" "$dir/convert-$fmt-spark.dates" >"$dir/convert-$fmt-compare.txt" \
    || { head -n 10 "$dir/convert-$fmt-compare.txt" >&2; return 1; }
}
count_files() { find "$1" -name '*.parquet' -type f | wc -l; }
count_dirs() { find "$1" -mindepth 1 -maxdepth 1 -type d -name 'date=*' | wc -l; }

echo "load before: $(uptime | sed 's/.*load average/load average/')"
for fmt in $formats; do
  case "$fmt" in
    parquet) data="$dir/sensors-$rows-$files"; gen=() ;;
    csv) data="$dir/sensors-csv-$rows-$files"; gen=(--format csv) ;;
    *) echo "bench/convert.sh: FORMATS takes parquet and csv, not $fmt" >&2; exit 2 ;;
  esac
  if [ ! -f "$data/_SUCCESS" ]; then
    echo "bench/convert.sh: generating $rows rows in $files $fmt files into $data (once)" >&2
    "$lakemr" generate --rows "$rows" --files "$files" "${gen[@]}" --output "$data" --mode overwrite >/dev/null
  fi
  bytes=$(find "$data" -name "part-*" -printf '%s\n' | awk '{ s += $1 } END { print s }')
  for s in "${sides[@]}"; do
    : >"$dir/convert-$fmt-$s.time"
  done
  if [ "${BENCH_WARMUP:-1}" = 1 ]; then # untimed: page cache, class-data archive
    for s in "${sides[@]}"; do
      "side_$s" "$dir/convert-$fmt-$s"
      : >"$dir/convert-$fmt-$s.time"
    done
  fi
  for i in $(seq "$runs"); do
    for k in $(seq 0 $((${#sides[@]} - 1))); do
      s="${sides[$(((i + k) % ${#sides[@]}))]}"
      "side_$s" "$dir/convert-$fmt-$s"
    done
  done
  if ! compare_outputs; then
    echo "bench/convert.sh: $fmt: lakemr's and Spark's outputs differ (above)" >&2
    exit 1
  fi
  lk_s=$(cut -d' ' -f1 "$dir/convert-$fmt-lakemr.time" | median)
  sp_s=$(cut -d' ' -f1 "$dir/convert-$fmt-spark.time" | median)
  lk_rss=$(cut -d' ' -f2 "$dir/convert-$fmt-lakemr.time" | median)
  sp_rss=$(cut -d' ' -f2 "$dir/convert-$fmt-spark.time" | median)
  awk -v f="$fmt" -v rows="$rows" -v files="$files" -v b="$bytes" -v n="$runs" -v l="$lk_s" -v s="$sp_s" \
    -v lr="$lk_rss" -v sr="$sp_rss" -v lf="$(count_files "$dir/convert-$fmt-lakemr")" \
    -v sf="$(count_files "$dir/convert-$fmt-spark")" -v ld="$(count_dirs "$dir/convert-$fmt-lakemr")" \
    -v sd="$(count_dirs "$dir/convert-$fmt-spark")" -v heap="$heap" 'BEGIN {
    printf "\n%s to Parquet by date: %d rows, %d files, %.1f MB, heap %s, median of %d runs (runs: see .time files)\n", \
      f, rows, files, b / 1e6, heap, n
    printf "  lakemr convert  %7.2f s  %10.0f rows/s  peak RSS %5d MiB  %5d files in %d partitions\n", \
      l, rows / l, lr / 1024, lf, ld
    printf "  Spark local[2]  %7.2f s  %10.0f rows/s  peak RSS %5d MiB  %5d files in %d partitions\n", \
      s, rows / s, sr / 1024, sf, sd
    printf "  lakemr / Spark wall time  %5.2f (target at most 0.50)\n", l / s
  }'
  echo "  runs, lakemr: $(cut -d' ' -f1 "$dir/convert-$fmt-lakemr.time" | tr '\n' ' ')" \
    "Spark: $(cut -d' ' -f1 "$dir/convert-$fmt-spark.time" | tr '\n' ' ')"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "both outputs hold the same rows per date, and every generated row"
