package io.lakemr.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's group-by in Spark, local mode: {@code count(*), sum, min, max, avg} of
 * {@code value} by {@code station, status} over a directory of the sample table as CSV (with a
 * header) or JSON Lines, read with the table's schema declared (no inference pass). Prints the
 * rows and groups seen and the seconds from session start to collected result, and writes the
 * groups sorted as CSV for the caller to compare.
 *
 * <pre>SparkGroupBy csv|jsonl INPUT_DIR RESULT_CSV [MASTER]</pre>
 */
public final class SparkGroupBy {

  private SparkGroupBy() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3 || !(args[0].equals("csv") || args[0].equals("jsonl"))) {
      System.err.println("usage: SparkGroupBy csv|jsonl INPUT_DIR RESULT_CSV [MASTER]");
      System.exit(2);
    }
    long started = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .appName("lakemr-yardstick")
        .master(args.length > 3 ? args[3] : "local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    StructType schema = new StructType()
        .add("ts", DataTypes.LongType)
        .add("station", DataTypes.StringType)
        .add("status", DataTypes.StringType)
        .add("value", DataTypes.DoubleType)
        .add("sensor_id", DataTypes.LongType);
    Dataset<Row> table = args[0].equals("csv")
        ? spark.read().schema(schema).option("header", "true").option("mode", "FAILFAST").csv(args[1])
        : spark.read().schema(schema).option("mode", "FAILFAST").json(args[1]);
    List<Row> groups = table.groupBy(col("station"), col("status"))
        .agg(count(lit(1)), sum("value"), min("value"), max("value"), avg("value"))
        .orderBy(col("station"), col("status"))
        .collectAsList();
    double seconds = (System.nanoTime() - started) / 1e9;
    long rows = 0;
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8))) {
      for (Row g : groups) {
        rows += g.getLong(2);
        out.printf(Locale.ROOT, "%s,%s,%d,%.17g,%.17g,%.17g,%.17g%n", g.getString(0), g.getString(1), g.getLong(2),
            g.getDouble(3), g.getDouble(4), g.getDouble(5), g.getDouble(6));
      }
    }
    spark.stop();
    System.out.printf(Locale.ROOT, "spark %s: %d rows, %d groups in %.2f s%n", args[0], rows, groups.size(), seconds);
  }
}
