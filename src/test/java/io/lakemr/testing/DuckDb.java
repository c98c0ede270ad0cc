package io.lakemr.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * DuckDB, in process, as a second engine: it writes reference Parquet data the way another
 * engine's users would have it (Hive-partitioned, snappy, several files and row groups) and
 * computes the reference answers, and it reads lakemr's output back as a partitioned table.
 */
public final class DuckDb implements AutoCloseable {

  private final Connection connection;

  public DuckDb() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    execute("SET threads TO 2");
  }

  public void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Inserts one row into a table, the values bound as JDBC parameters. */
  public void insert(String table, List<Object> row) throws SQLException {
    String marks = String.join(", ", Collections.nCopies(row.size(), "?"));
    try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (int i = 0; i < row.size(); i++) {
        s.setObject(i + 1, row.get(i));
      }
      s.executeUpdate();
    }
  }

  /** Rows of a query, each a list of column values as JDBC gives them. */
  public List<List<Object>> query(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Creates table {@code sensors} like lakemr's sample table, deterministic, with about 1% null
   * values and a {@code date} column (yyyy-MM-dd of ts), and writes it to {@code dir} as
   * Hive-style {@code date=...} directories, snappy, in two files per partition with small row
   * groups.
   */
  public void writeSensors(Path dir, int rows) throws SQLException {
    execute("CREATE OR REPLACE TABLE sensors AS SELECT "
        + "(1767225600000 + (hash(i * 3 + 1) % 2592000000))::BIGINT AS ts, "
        + "'st-' || lpad(((hash(i * 5 + 2) % 1000) + 1)::VARCHAR, 4, '0') AS station, "
        + "CASE WHEN hash(i * 7 + 3) % 100 < 90 THEN 'ok' WHEN hash(i * 7 + 3) % 100 < 98 THEN 'warn' ELSE 'fail' END AS status, "
        + "CASE WHEN hash(i * 11 + 4) % 100 = 0 THEN NULL "
        + "ELSE 20.0 + (hash(i * 13 + 5) % 1000003)::DOUBLE / 1000003.0 * 60.0 END AS value, "
        + "(hash(i * 17 + 6) % " + Math.max(1, rows / 10) + ")::BIGINT AS sensor_id "
        + "FROM range(" + rows + ") t(i)");
    execute("ALTER TABLE sensors ADD COLUMN date VARCHAR");
    execute("UPDATE sensors SET date = strftime(make_timestamp(ts * 1000), '%Y-%m-%d')");
    String target = dir.toString().replace("'", "''");
    execute("COPY (SELECT * FROM sensors WHERE sensor_id % 2 = 0) TO '" + target + "' (FORMAT parquet, "
        + "COMPRESSION snappy, PARTITION_BY (date), ROW_GROUP_SIZE 2048, FILENAME_PATTERN 'even_{uuid}', "
        + "OVERWRITE_OR_IGNORE true)");
    execute("COPY (SELECT * FROM sensors WHERE sensor_id % 2 = 1) TO '" + target + "' (FORMAT parquet, "
        + "COMPRESSION snappy, PARTITION_BY (date), ROW_GROUP_SIZE 2048, FILENAME_PATTERN 'odd_{uuid}', "
        + "APPEND true)");
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
