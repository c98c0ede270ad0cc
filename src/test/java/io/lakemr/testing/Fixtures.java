package io.lakemr.testing;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.lakemr.drivers.GenerateTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * Small inputs for tests: lakemr's sample sensor table ({@code generate}), Parquet or CSV files
 * written from rows (through DuckDB), and HDF5 files of numeric columns (through jhdf's writer).
 * HDF5 files with what jhdf cannot write (compounds, strings, other filters) and Zarr stores are
 * best written by the reference libraries in a generator script whose output is committed (see
 * {@code src/test/resources/hdf5/make_fixtures.py}).
 */
public final class Fixtures {

  private Fixtures() {
  }

  /**
   * Writes the sample sensor table ({@code ts, station, status, value, sensor_id}) with
   * {@code lakemr generate}, deterministic for a seed, to a directory on {@code conf}'s file
   * system.
   */
  public static void sensors(Configuration conf, String dir, int rows, int files, long seed) throws Exception {
    int rc = ToolRunner.run(new Configuration(conf), new GenerateTool(), new String[] {"--rows", Integer.toString(rows),
        "--files", Integer.toString(files), "--seed", Long.toString(seed), "--output", dir});
    if (rc != 0) {
      throw new IllegalStateException("generate " + dir + " exited " + rc);
    }
  }

  /**
   * Writes rows to one local Parquet file; {@code columns} as in SQL, for instance
   * {@code "ts BIGINT, station VARCHAR, value DOUBLE"}.
   */
  public static Path parquet(Path file, String columns, List<List<Object>> rows) throws SQLException {
    return write(file, columns, rows, "FORMAT parquet");
  }

  /** Writes rows to one local CSV file with a header line. */
  public static Path csv(Path file, String columns, List<List<Object>> rows) throws SQLException {
    return write(file, columns, rows, "FORMAT csv, HEADER true");
  }

  /**
   * Writes an HDF5 file holding a group of 1-D datasets, one per column, chunked and deflated,
   * which lakemr reads as one table ({@code --dataset /GROUP}).
   *
   * @param columns column name to values: {@code long[]}, {@code int[]}, {@code double[]} or
   *     {@code float[]}, all of one length, in column order
   * @param chunk the rows of a chunk
   */
  public static Path hdf5(Path file, String group, Map<String, Object> columns, int chunk) {
    try (WritableHdfFile w = HdfFile.write(file)) {
      WritableGroup g = w.putGroup(group);
      for (Map.Entry<String, Object> c : columns.entrySet()) {
        g.putDataset(c.getKey(), c.getValue(), DatasetCreationOptions.builder().chunkDimensions(new int[] {chunk})
            .deflate().build());
      }
    }
    return file;
  }

  private static Path write(Path file, String columns, List<List<Object>> rows, String options) throws SQLException {
    try (DuckDb duck = new DuckDb()) {
      duck.execute("CREATE TABLE t (" + columns + ")");
      for (List<Object> row : rows) {
        duck.insert("t", row);
      }
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
      }
      duck.execute("COPY t TO '" + file.toString().replace("'", "''") + "' (" + options + ")");
    }
    return file;
  }
}
