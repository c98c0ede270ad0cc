package io.lakemr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a job's output back as rows (through DuckDB, a second engine) and compares rows with
 * a tolerance for floating-point values.
 */
public final class Rows {

  private Rows() {
  }

  /**
   * Every row of the Parquet files under a local directory, Hive-style partition folders read
   * as columns, as {@code SELECT columns ... ORDER BY orderBy} gives them.
   */
  public static List<List<Object>> parquet(Path dir, String columns, String orderBy) throws SQLException {
    return query("SELECT " + columns + " FROM read_parquet('" + sql(dir) + "/**/*.parquet', hive_partitioning = true)"
        + " ORDER BY " + orderBy);
  }

  /** Every row of the CSV files (with a header) under a local directory, in the same way. */
  public static List<List<Object>> csv(Path dir, String columns, String orderBy) throws SQLException {
    return query("SELECT " + columns + " FROM read_csv('" + sql(dir) + "/**/*.csv', header = true, "
        + "hive_partitioning = true) ORDER BY " + orderBy);
  }

  /** The rows of any DuckDB query, for instance the expected answer computed from a job's input. */
  public static List<List<Object>> query(String sql) throws SQLException {
    try (DuckDb duck = new DuckDb()) {
      return duck.query(sql);
    }
  }

  /**
   * Asserts the same rows in the same order: numbers equal within {@code relTolerance} of the
   * larger magnitude, anything else equal as text (so a date read as {@code LocalDate} equals
   * one read as {@code java.sql.Date}).
   */
  public static void assertRowsEqual(List<List<Object>> expected, List<List<Object>> actual, double relTolerance) {
    assertEquals(expected.size(), actual.size(), "row count");
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      List<Object> a = actual.get(i);
      assertEquals(e.size(), a.size(), "columns in row " + i);
      for (int c = 0; c < e.size(); c++) {
        if (!same(e.get(c), a.get(c), relTolerance)) {
          fail("row " + i + " column " + c + ": expected " + e + " but was " + a);
        }
      }
    }
  }

  /** The rows sorted by their text, for outputs whose order does not matter. */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  private static boolean same(Object e, Object a, double tolerance) {
    if (e instanceof Number x && a instanceof Number y) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      return p == q || Math.abs(p - q) <= tolerance * Math.max(Math.abs(p), Math.abs(q));
    }
    return String.valueOf(e).equals(String.valueOf(a));
  }

  private static String sql(Path p) {
    return p.toString().replace("'", "''");
  }
}
