package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.hdf5.Hdf5BatchInputFormat;
import io.lakemr.formats.hdf5.Hdf5Split;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 input on the local job runner: a 1,000,003-row dataset chunked by 65,536 read with a
 * 1 MB maximum split size, partition directories over HDF5 files, and the input selection's
 * errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5InputJobTest {

  static final int CHUNK = 65_536;
  static final int ROWS = 1_000_003;

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private Path big;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    fixtures = Paths.get(getClass().getResource("/hdf5/expected.json").toURI()).getParent();
    big = tmp.resolve("big.h5");
    writeSeries(big, ROWS);
  }

  /** A 1-D int64 dataset /big holding 0..rows-1, chunked by {@value #CHUNK}, deflated. */
  static void writeSeries(Path file, int rows) {
    long[] values = new long[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = i;
    }
    try (WritableHdfFile w = HdfFile.write(file)) {
      w.putDataset("big", values, DatasetCreationOptions.builder().chunkDimensions(CHUNK).deflate().build());
    }
  }

  /** The splits of one file with a 1 MB maximum split size. */
  static List<InputSplit> splits(Configuration conf, String path) throws Exception {
    Job job = Job.getInstance(conf);
    job.getConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize", 1024 * 1024);
    Hdf5BatchInputFormat.setInputPaths(job, List.of(path));
    Hdf5BatchInputFormat.setReadSchema(job, Schemas.record("row", List.of(new Column("big", ColumnType.LONG))));
    return new Hdf5BatchInputFormat().getSplits(job);
  }

  /** Checks that splits start on chunk boundaries and hold every row once; gives their count. */
  static int checkChunkAligned(List<InputSplit> splits) {
    long next = 0;
    for (InputSplit s : splits) {
      Hdf5Split h = (Hdf5Split) s;
      assertEquals(0, h.firstRow() % CHUNK, "split starts on a chunk boundary: " + h);
      assertEquals(next, h.firstRow(), "splits follow each other: " + h);
      next = h.lastRow();
    }
    assertEquals(ROWS, next, "rows add up");
    assertTrue(splits.size() >= 4, "several splits: " + splits);
    return splits.size();
  }

  @Test
  void millionRowsSplitOnChunkBoundariesAndAddUp() throws Exception {
    checkChunkAligned(splits(conf, big.toString()));
    Path out = tmp.resolve("big-out");
    Commands.Result r = Commands.run(conf, "aggregate", "-D", "mapreduce.input.fileinputformat.split.maxsize=1048576",
        "--input", big.toString(), "--agg", "count(*),sum(big),min(big),max(big),count(big)",
        "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    long n = ROWS;
    assertEquals(List.of(List.of(Long.toString(n), Long.toString(n * (n - 1) / 2), "0", Long.toString(n - 1),
        Long.toString(n))), Csv.readParts(out, List.of("count", "sum_big", "min_big", "max_big", "count_big")));
  }

  @Test
  void partitionDirectoriesOverHdf5Files() throws Exception {
    Path dir = tmp.resolve("parts");
    for (String region : new String[] {"eu", "us"}) {
      Files.createDirectories(dir.resolve("region=" + region));
      Files.copy(fixtures.resolve("compound.h5"), dir.resolve("region=" + region).resolve("t.h5"));
    }
    Path out = tmp.resolve("parts-out");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", dir.toString(), "--dataset", "/table",
        "--group-by", "region,status", "--agg", "count(*)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of(List.of("eu", "fail", "1995"), List.of("eu", "ok", "6015"), List.of("eu", "warn", "1997"),
        List.of("us", "fail", "1995"), List.of("us", "ok", "6015"), List.of("us", "warn", "1997")),
        Csv.readParts(out, List.of("region", "status", "count")));
  }

  @Test
  void filesWithDifferentColumnsAreRefusedNamingBoth() throws Exception {
    Path dir = tmp.resolve("differ");
    Files.createDirectories(dir);
    try (WritableHdfFile w = HdfFile.write(dir.resolve("a.h5"))) {
      w.putDataset("t", new long[] {1, 2, 3});
    }
    try (WritableHdfFile w = HdfFile.write(dir.resolve("b.h5"))) {
      w.putDataset("t", new double[] {1, 2, 3});
    }
    Commands.Result r = Commands.run(conf, "aggregate", "--input", dir.toString(), "--agg", "count(*)",
        "--output", tmp.resolve("differ-out").toString());
    String line = checkUsageError(r);
    assertTrue(line.contains("a.h5") && line.contains("b.h5") && line.contains("/t"), line);
  }

  @Test
  void inputSelectionErrors() throws Exception {
    Path mixed = tmp.resolve("mixed");
    Files.createDirectories(mixed);
    Files.copy(fixtures.resolve("compound.h5"), mixed.resolve("a.h5"));
    Files.writeString(mixed.resolve("b.parquet"), "x");
    assertTrue(checkUsageError(aggregate(mixed.toString())).contains("mixes formats"));
    Path unknown = tmp.resolve("unknown.dat");
    Files.copy(fixtures.resolve("compound.h5"), unknown);
    assertTrue(checkUsageError(aggregate(unknown.toString())).contains("--format"));
    assertTrue(checkUsageError(aggregate(unknown.toString(), "--format", "orc")).contains("unknown input format"));
    assertTrue(checkUsageError(aggregate(mixed.resolve("b.parquet").toString(), "--dataset", "/t"))
        .contains("--dataset is an HDF5 or Zarr option"));
    assertTrue(checkUsageError(aggregate(unknown.toString(), "--format", "hdf5", "--layout", "diagonal"))
        .contains("--layout diagonal"));
    String line = checkUsageError(aggregate(fixtures.resolve("compound.h5").toString(), "--columns", "value,nope"));
    assertTrue(line.contains("compound.h5") && line.contains("/table") && line.contains("nope"), line);
    // with --format, any name is read as HDF5
    Commands.Result r = aggregate(unknown.toString(), "--format", "hdf5");
    assertEquals(0, r.exitCode(), r.toString());
  }

  private Commands.Result aggregate(String input, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input, "--agg", "count(*)", "--output",
        tmp.resolve("out-" + System.nanoTime()).toString()));
    args.addAll(List.of(more));
    return Commands.run(conf, "aggregate", args.toArray(new String[0]));
  }

  private static String checkUsageError(Commands.Result r) {
    assertEquals(2, r.exitCode(), r.toString());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    return r.err().lines().findFirst().orElse("");
  }
}
