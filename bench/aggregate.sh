#!/usr/bin/env bash
# Benchmark: `aggregate` over the sample sensor table, end to end (JVM start included), next to
# the raw read limit measured in the same run (the same columns read by the same record reader,
# doing nothing else) and DuckDB in process (JDBC, JVM start included) running the same query
# over the same files, alternated run by run. Generates the data once (20M rows in 8 Parquet
# files by default). DuckDB's JDBC jar is the test dependency Maven keeps in ~/.m2 (the
# README's test command fetches it); without it that yardstick is skipped.
#
#   bench/aggregate.sh            # BENCH_ROWS, BENCH_FILES, BENCH_RUNS, LAKEMR_WORK_DIR to change
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${BENCH_ROWS:-20000000}"
files="${BENCH_FILES:-8}"
runs="${BENCH_RUNS:-3}"
work="${LAKEMR_WORK_DIR:-$root/.lakemr}"
export LAKEMR_WORK_DIR="$work"
bench="$work/bench"
data="$bench/sensors-$rows-$files"
out="$bench/by_station_status"
lakemr="$root/bin/lakemr"
aggs='count(*),sum(value),min(value),max(value),avg(value)'
mkdir -p "$bench"

if [ ! -f "$data/_SUCCESS" ]; then
  echo "generating $rows rows in $files files into $data (once)"
  "$lakemr" generate --rows "$rows" --files "$files" --output "$data" --mode overwrite >/dev/null
fi
bytes=$(du -sb "$data" | cut -f1)

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

echo "data: $rows rows, $files files, $((bytes / 1000000)) MB, $(nproc) cores"
"$lakemr" aggregate --input "$data" --group-by station,status --agg "$aggs" --output "$out" --mode overwrite \
  >/dev/null 2>&1 # warm the page cache and the jar

: >"$bench/e2e.txt"
: >"$bench/raw.txt"
: >"$bench/heap.txt"
: >"$bench/raw_e2e.txt"
: >"$bench/duckdb.txt"
duckdb_jar="$(ls "${HOME}"/.m2/repository/org/duckdb/duckdb_jdbc/*/duckdb_jdbc-*.jar 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -n "$duckdb_jar" ]; then # compiled once, so that its runs time DuckDB, not javac
  javac -d "$bench/duckdb-classes" -cp "$duckdb_jar" "$root/bench/DuckDbGroupBy.java"
fi
for i in $(seq "$runs"); do
  t0=$(now)
  "$lakemr" aggregate --input "$data" --group-by station,status --agg "$aggs" --output "$out" --mode overwrite \
    >"$bench/aggregate.out" 2>"$bench/aggregate.err"
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}' >>"$bench/e2e.txt"
  sed -n 's/.*peak heap *\([0-9,]*\) MiB.*/\1/p' "$bench/aggregate.out" | tr -d , >>"$bench/heap.txt"
  t2=$(now)
  "$lakemr" bench-read --input "$data" --columns station,status,value >"$bench/raw.out" 2>"$bench/raw.err"
  t3=$(now)
  awk -v a="$t2" -v b="$t3" 'BEGIN {print b - a}' >>"$bench/raw_e2e.txt"
  sed -n 's/.*in \([0-9.]*\) s with.*/\1/p' "$bench/raw.out" >>"$bench/raw.txt"
  if [ -n "$duckdb_jar" ]; then
    t4=$(now)
    java -cp "$duckdb_jar:$bench/duckdb-classes" DuckDbGroupBy "$data" "$bench/duckdb.csv"
    t5=$(now)
    awk -v a="$t4" -v b="$t5" 'BEGIN {print b - a}' >>"$bench/duckdb.txt"
  fi
done

e2e=$(median <"$bench/e2e.txt")
raw=$(median <"$bench/raw.txt")
raw_e2e=$(median <"$bench/raw_e2e.txt")
heap=$(median <"$bench/heap.txt")
printf 'aggregate --group-by station,status --agg %s\n' "$aggs"
calc() { awk "BEGIN {print $1}"; }
printf '  end to end (JVM start included), median of %d: %.2f s  %12.0f rows/s  %7.1f MB/s (files)  peak live heap %s MiB\n' \
  "$runs" "$e2e" "$(calc "$rows / $e2e")" "$(calc "$bytes / $e2e / 1000000")" "$heap"
printf '  raw read limit (same reader and splits, columns station,status,value, nothing else):\n'
printf '    end to end (JVM start included): %.2f s  %12.0f rows/s\n' "$raw_e2e" "$(calc "$rows / $raw_e2e")"
printf '    reading alone (inside the JVM):   %.2f s  %12.0f rows/s\n' "$raw" "$(calc "$rows / $raw")"
printf '  aggregate / raw read, both end to end: %.0f %%\n' "$(calc "100 * $raw_e2e / $e2e")"
grep -E "rows/s|MB/s|peak heap" "$bench/raw.out" | sed 's/^/  raw: /'
if [ -s "$bench/duckdb.txt" ]; then
  duck=$(median <"$bench/duckdb.txt")
  printf '  DuckDB %s in process (JDBC, JVM start included), same query and files: %.2f s; lakemr / DuckDB: %.1fx\n' \
    "$(basename "$duckdb_jar" .jar | sed 's/duckdb_jdbc-//')" "$duck" "$(calc "$e2e / $duck")"
fi
