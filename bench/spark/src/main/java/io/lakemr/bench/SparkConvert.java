package io.lakemr.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's {@code convert} in Spark, local mode: reads the sample table as Parquet or CSV
 * (with a header) with its schema declared, adds {@code date}, the UTC date of {@code ts} (epoch
 * milliseconds) as {@code yyyy-MM-dd}, and writes it as snappy Parquet with
 * {@code partitionBy("date")}, replacing the output directory. Prints the seconds from session
 * start to the written output.
 *
 * <pre>SparkConvert parquet|csv INPUT_DIR OUTPUT_DIR [MASTER]</pre>
 */
public final class SparkConvert {

  private SparkConvert() {
  }

  public static void main(String[] args) {
    if (args.length < 3 || !(args[0].equals("parquet") || args[0].equals("csv"))) {
      System.err.println("usage: SparkConvert parquet|csv INPUT_DIR OUTPUT_DIR [MASTER]");
      System.exit(2);
    }
    long started = System.nanoTime();
    SparkSession spark = SparkSession.builder()
        .appName("lakemr-yardstick")
        .master(args.length > 3 ? args[3] : "local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.parquet.compression.codec", "snappy")
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
        : spark.read().schema(schema).parquet(args[1]);
    table.withColumn("date", date_format(timestamp_millis(col("ts")), "yyyy-MM-dd"))
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "snappy")
        .partitionBy("date")
        .parquet(args[2]);
    double seconds = (System.nanoTime() - started) / 1e9;
    spark.stop();
    System.out.printf(Locale.ROOT, "spark convert %s: written in %.2f s%n", args[0], seconds);
  }
}
