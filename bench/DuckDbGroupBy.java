import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The yardstick of bench/aggregate.sh: DuckDB in process (JDBC) running the benchmark's query over
 * the same Parquet files and writing the result as CSV, as `lakemr aggregate` does.
 *
 *   javac -d CLASSES -cp duckdb_jdbc.jar bench/DuckDbGroupBy.java
 *   java -cp duckdb_jdbc.jar:CLASSES DuckDbGroupBy DATA_DIR OUTPUT_CSV
 */
public final class DuckDbGroupBy {

  private DuckDbGroupBy() {
  }

  public static void main(String[] args) throws Exception {
    String data = args[0].replace("'", "''");
    String out = args[1].replace("'", "''");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      s.execute("COPY (SELECT station, status, count(*) AS count, sum(value) AS sum_value, min(value) AS min_value, "
          + "max(value) AS max_value, avg(value) AS avg_value FROM read_parquet('" + data + "/*.parquet') "
          + "GROUP BY station, status) TO '" + out + "' (FORMAT csv, HEADER)");
    }
  }
}
