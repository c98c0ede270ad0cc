#!/usr/bin/env bash
# Text input benchmark: `aggregate --group-by station,status --agg 'count(*),sum(value),
# min(value),max(value),avg(value)'` over the sample table as uncompressed CSV (with a header)
# and as JSON Lines, against, in the same run, lakemr's raw read limit (bench-read of station,
# status and value: the same input format, splits and record reader, nothing else) and Spark
# 4.2 in local[2] doing the same group-by over the same files. Every side is given the
# table's schema (no inference pass).
#
#   bench/text.sh                                   # 20M rows in 8 files, median of 3 runs
#   ROWS=2000000 FILES=2 BENCH_RUNS=3 bench/text.sh
#   FORMATS=csv bench/text.sh                       # one format only
#   BASELINE=/path/to/other/checkout bench/text.sh  # also that checkout's aggregate and bench-read
#
# Each figure is the median wall time of BENCH_RUNS whole processes (JVM start included); the
# sides alternate inside each run, so load from elsewhere falls on all of them. MB/s is
# over the input files' bytes. Peak RSS is the process's (GNU time); lakemr also prints its
# peak live heap. The script checks that every side read every row and that the 3,000 groups
# of lakemr and Spark agree (counts exactly, sums and averages to 1e-9 relative, min and max
# exactly). The Spark side is the separate Maven project bench/spark/, built here on first use
# (its dependencies come from Maven Central); it is no part of lakemr's build.
# Data goes to ${LAKEMR_WORK_DIR:-.lakemr}/bench/ and is kept for the next run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
export LAKEMR_WORK_DIR="$work"
dir="$work/bench"
rows="${ROWS:-20000000}"
files="${FILES:-8}"
runs="${BENCH_RUNS:-3}"
formats="${FORMATS:-csv jsonl}"
heap="${LAKEMR_HEAP:-2g}"
lakemr="$root/bin/lakemr"
spark_dir="$root/bench/spark"
spark_jar="$spark_dir/target/spark-yardstick-0.1.0-SNAPSHOT.jar"
schema='ts:long,station:string,status:string,value:double,sensor_id:long'
aggs='count(*),sum(value),min(value),max(value),avg(value)'
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
  echo "bench/text.sh: building the Spark yardstick in $spark_dir" >&2
  (cd "$spark_dir" && mvn -B -q -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt >&2)
fi
spark_cp="$spark_jar:$(cat "$spark_dir/target/classpath.txt")"

# build lakemr's jar first, so no timing includes a build
"$lakemr" --help >/dev/null
sides=(aggregate raw spark)
if [ -n "${BASELINE:-}" ]; then
  "$BASELINE/bin/lakemr" --help >/dev/null
  sides+=(base_aggregate base_raw)
fi

# runs a side once: wall seconds, peak RSS (KiB) and CPU seconds appended to $1.time, stdout to $1.out
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -a -o "$name.time" "$@" >"$name.out" 2>"$name.err"
}
cpu() { awk '{ print $3 + $4 }' "$1" | median; }
median() { sort -g | awk '{ t[NR] = $1 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

side_aggregate() {
  timed "$1" "$lakemr" aggregate --input "$data" --schema "$schema" --group-by station,status --agg "$aggs" \
    --output "$dir/text-$fmt-result" --output-format csv --mode overwrite
}
side_raw() {
  timed "$1" "$lakemr" bench-read --input "$data" --schema "$schema" --columns station,status,value
}
side_base_aggregate() {
  timed "$1" "$BASELINE/bin/lakemr" aggregate --input "$data" --schema "$schema" --group-by station,status \
    --agg "$aggs" --output "$dir/text-$fmt-base-result" --output-format csv --mode overwrite
}
side_base_raw() {
  timed "$1" "$BASELINE/bin/lakemr" bench-read --input "$data" --schema "$schema" --columns station,status,value
}
side_spark() {
  timed "$1" java -Xmx"$heap" "${spark_opens[@]}" -cp "$spark_cp" io.lakemr.bench.SparkGroupBy "$fmt" "$data" \
    "$dir/text-$fmt-spark.csv"
}

# checks that the groups of lakemr's result and Spark's agree
compare_results() {
  for part in "$dir/text-$fmt-result"/part-r-*.csv; do
    tail -n +2 "$part"
  done | sort >"$dir/text-$fmt-lakemr.sorted"
  sort "$dir/text-$fmt-spark.csv" >"$dir/text-$fmt-spark.sorted"
  awk -F, 'function rel(a, b) { d = a - b; if (d < 0) d = -d; m = (a < 0 ? -a : a); return m == 0 ? d : d / m }
    NR == FNR { k = $1 "," $2; c[k] = $3; s[k] = $4; lo[k] = $5; hi[k] = $6; av[k] = $7; n++; next }
    { k = $1 "," $2; seen++
      if (!(k in c) || c[k] != $3 || rel(s[k], $4) > 1e-9 || lo[k] + 0 != $5 + 0 || hi[k] + 0 != $6 + 0 \
          || rel(av[k], $7) > 1e-9) { print "group " k " differs: lakemr " c[k] "," s[k] "," lo[k] "," hi[k] "," av[k] \
          ", spark " $3 "," $4 "," $5 "," $6 "," $7; bad++ } }
    END { if (seen != n) { print "groups: lakemr " n ", spark " seen; bad++ } exit bad > 0 }' \
    "$dir/text-$fmt-lakemr.sorted" "$dir/text-$fmt-spark.sorted" >"$dir/text-$fmt-compare.txt" \
    || { head -n 10 "$dir/text-$fmt-compare.txt" >&2; return 1; }
}

echo "load before: $(uptime | sed 's/.*load average/load average/')"
for fmt in $formats; do
  data="$dir/sensors-$fmt-$rows-$files"
  if [ ! -f "$data/_SUCCESS" ]; then
    echo "bench/text.sh: generating $rows rows in $files $fmt files into $data (once)" >&2
    "$lakemr" generate --rows "$rows" --files "$files" --format "$fmt" --output "$data" --mode overwrite >/dev/null
  fi
  bytes=$(find "$data" -name "part-*" -printf '%s\n' | awk '{ s += $1 } END { print s }')
  for s in "${sides[@]}"; do
    : >"$dir/text-$fmt-$s.time"
  done
  for i in $(seq "$runs"); do
    for k in $(seq 0 $((${#sides[@]} - 1))); do
      s="${sides[$(((i + k) % ${#sides[@]}))]}"
      "side_$s" "$dir/text-$fmt-$s"
    done
  done

  agg_rows=$(sed -n 's/^  rows in *\([0-9,]*\).*/\1/p' "$dir/text-$fmt-aggregate.out" | tr -d ,)
  raw_rows=$(sed -n 's/^lakemr bench-read: \([0-9,]*\) rows.*/\1/p' "$dir/text-$fmt-raw.out" | tr -d ,)
  spark_rows=$(sed -n 's/^spark [a-z]*: \([0-9]*\) rows.*/\1/p' "$dir/text-$fmt-spark.out")
  if [ "$agg_rows" != "$rows" ] || [ "$raw_rows" != "$rows" ] || [ "$spark_rows" != "$rows" ]; then
    echo "bench/text.sh: $fmt rows read differ: aggregate $agg_rows, bench-read $raw_rows, spark $spark_rows," \
      "generated $rows" >&2
    exit 1
  fi
  if ! compare_results; then
    echo "bench/text.sh: $fmt: lakemr's and Spark's groups differ (above)" >&2
    exit 1
  fi
  agg_s=$(cut -d' ' -f1 "$dir/text-$fmt-aggregate.time" | median)
  raw_s=$(cut -d' ' -f1 "$dir/text-$fmt-raw.time" | median)
  spark_s=$(cut -d' ' -f1 "$dir/text-$fmt-spark.time" | median)
  agg_rss=$(cut -d' ' -f2 "$dir/text-$fmt-aggregate.time" | median)
  raw_rss=$(cut -d' ' -f2 "$dir/text-$fmt-raw.time" | median)
  spark_rss=$(cut -d' ' -f2 "$dir/text-$fmt-spark.time" | median)
  agg_cpu=$(cpu "$dir/text-$fmt-aggregate.time")
  raw_cpu=$(cpu "$dir/text-$fmt-raw.time")
  spark_cpu=$(cpu "$dir/text-$fmt-spark.time")
  agg_heap=$(sed -n 's/^  peak heap *\([0-9,]*\) MiB.*/\1/p' "$dir/text-$fmt-aggregate.out" | tr -d ,)
  raw_in=$(sed -n 's/.* in \([0-9.]*\) s with.*/\1/p' "$dir/text-$fmt-raw.out")
  spark_in=$(sed -n 's/.* groups in \([0-9.]*\) s$/\1/p' "$dir/text-$fmt-spark.out")
  awk -v f="$fmt" -v rows="$rows" -v files="$files" -v b="$bytes" -v n="$runs" -v a="$agg_s" -v r="$raw_s" \
    -v s="$spark_s" -v ar="$agg_rss" -v rr="$raw_rss" -v sr="$spark_rss" -v ah="$agg_heap" -v ri="$raw_in" \
    -v si="$spark_in" -v ac="$agg_cpu" -v rc="$raw_cpu" -v sc="$spark_cpu" 'BEGIN {
    printf "\n%s: %d rows, %d files, %.1f MB, median of %d runs (whole processes, sides alternated)\n", \
      f, rows, files, b / 1e6, n
    printf "  lakemr aggregate  %6.2f s  %10.0f rows/s  %7.1f MB/s  peak RSS %5d MiB  CPU %6.1f s (live heap %s MiB)\n", \
      a, rows / a, b / 1e6 / a, ar / 1024, ac, ah
    printf "  lakemr bench-read %6.2f s  %10.0f rows/s  %7.1f MB/s  peak RSS %5d MiB  CPU %6.1f s (reading alone %.2f s)\n", \
      r, rows / r, b / 1e6 / r, rr / 1024, rc, ri
    printf "  Spark local[2]    %6.2f s  %10.0f rows/s  %7.1f MB/s  peak RSS %5d MiB  CPU %6.1f s (session to result %.2f s)\n", \
      s, rows / s, b / 1e6 / s, sr / 1024, sc, si
    printf "  aggregate / Spark wall time      %5.2f (target at most 0.50)\n", a / s
    printf "  aggregate / bench-read row rate  %5.1f %% (target at least 60 %%)\n", 100 * r / a
  }'
  if [ -n "${BASELINE:-}" ]; then
    base_rows=$(sed -n 's/^  rows in *\([0-9,]*\).*/\1/p' "$dir/text-$fmt-base_aggregate.out" | tr -d ,)
    [ "$base_rows" = "$rows" ] || { echo "bench/text.sh: baseline aggregate read $base_rows rows" >&2; exit 1; }
    ba=$(cut -d' ' -f1 "$dir/text-$fmt-base_aggregate.time" | median)
    br=$(cut -d' ' -f1 "$dir/text-$fmt-base_raw.time" | median)
    bac=$(cpu "$dir/text-$fmt-base_aggregate.time")
    brc=$(cpu "$dir/text-$fmt-base_raw.time")
    awk -v rows="$rows" -v a="$ba" -v r="$br" -v na="$agg_s" -v nr="$raw_s" -v s="$spark_s" -v ac="$bac" \
      -v rc="$brc" -v nac="$agg_cpu" -v nrc="$raw_cpu" 'BEGIN {
      printf "  baseline aggregate  %6.2f s  %10.0f rows/s  CPU %6.1f s  (wall and CPU over this checkout: %.2f, %.2f; / Spark %.2f)\n", \
        a, rows / a, ac, a / na, ac / nac, a / s
      printf "  baseline bench-read %6.2f s  %10.0f rows/s  CPU %6.1f s  (wall and CPU over this checkout: %.2f, %.2f)\n", \
        r, rows / r, rc, r / nr, rc / nrc
    }'
  fi
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "groups of lakemr and Spark agree; every side read every row"
