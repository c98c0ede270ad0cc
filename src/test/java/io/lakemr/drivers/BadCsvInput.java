package io.lakemr.drivers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A CSV file of {@code id,station,value} rows, a few megabytes long, with a handful of bad
 * rows (a value that is not a number) all in its first 200 KB, and what a query over it must
 * give: per station the count and the sum of the good rows, and the bad rows' text.
 */
final class BadCsvInput {

  static final int ROWS = 100_000;
  static final int[] BAD_ROWS = {100, 2_000, 5_000, 7_000, 9_000};
  private static final int STATIONS = 7;

  private final byte[] bytes;
  private final Map<String, long[]> expected = new TreeMap<>();
  private final List<String> badLines = new ArrayList<>();

  BadCsvInput() {
    StringBuilder text = new StringBuilder("id,station,value\n");
    int bad = 0;
    for (int i = 0; i < ROWS; i++) {
      String station = "st-" + (i % STATIONS);
      if (bad < BAD_ROWS.length && BAD_ROWS[bad] == i) {
        String line = i + "," + station + ",bad-" + i;
        badLines.add(line);
        text.append(line).append('\n');
        bad++;
        continue;
      }
      long value = (i * 7919L) % 1000 - 500;
      text.append(i).append(',').append(station).append(',').append(value).append('\n');
      long[] countSum = expected.computeIfAbsent(station, s -> new long[2]);
      countSum[0]++;
      countSum[1] += value;
    }
    bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (text.indexOf("bad-" + BAD_ROWS[BAD_ROWS.length - 1]) > 200_000 || bytes.length < 1_500_000) {
      throw new AssertionError("the bad rows must come early in a file of some megabytes");
    }
  }

  /** Writes the file to {@code file}. */
  void write(FileSystem fs, Path file) throws IOException {
    try (OutputStream out = fs.create(file, true)) {
      out.write(bytes);
    }
  }

  int length() {
    return bytes.length;
  }

  /** Station -> {count, sum(value)} of the good rows. */
  Map<String, long[]> expected() {
    return expected;
  }

  /** The bad rows' lines, in file order. */
  List<String> badLines() {
    return badLines;
  }

  /** Station -> {count, sum} read from the {@code part-*.csv} files (header {@code station,count,sum_value}) under {@code dir}. */
  static Map<String, long[]> readCountsAndSums(FileSystem fs, Path dir) throws IOException {
    Map<String, long[]> got = new TreeMap<>();
    for (String line : linesOf(fs, dir, "part-.*\\.csv")) {
      if (!line.equals("station,count,sum_value")) {
        String[] f = line.split(",");
        got.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return got;
  }

  /** The lines of every file under {@code dir} whose name matches {@code name}, files in name order. */
  static List<String> linesOf(FileSystem fs, Path dir, String name) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!fs.exists(dir)) {
      return lines;
    }
    FileStatus[] files = fs.listStatus(dir, p -> p.getName().matches(name));
    Arrays.sort(files);
    for (FileStatus f : files) {
      try (InputStream in = fs.open(f.getPath())) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
      }
    }
    return lines;
  }
}
