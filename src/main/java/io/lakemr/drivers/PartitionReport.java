package io.lakemr.drivers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The partitions of a lakemr output directory or table for {@code inspect}: files, rows and
 * bytes of each, their shares, the largest over the median and a histogram of sizes. Rows come
 * from metadata only: a table's log, the files' footers (Parquet), or the job summary
 * ({@value JobSummary#FILE_NAME}) for a partition whose files do not say.
 */
final class PartitionReport {

  /** Most lines of the histogram; with more partitions than this, they are counted into buckets. */
  static final int HISTOGRAM_LINES = 20;

  /** Where a partition's rows were read. */
  static final String FROM_LOG = "table log";
  static final String FROM_FOOTERS = "file footers";
  static final String FROM_SUMMARY = JobSummary.FILE_NAME;

  /**
   * One partition: its directory relative to the output, unescaped values, files, rows (-1 when
   * not known) and bytes, and where its rows were read (null when not known).
   */
  record Partition(String path, Map<String, String> values, int files, long rows, long bytes, String rowsFrom) {
  }

  private PartitionReport() {
  }

  /** The partitions of a table's snapshot, rows from its log. */
  static Map<String, Object> ofTable(String spec, TableSnapshot snapshot) {
    List<Partition> parts = new ArrayList<>();
    for (Map.Entry<String, List<DataFile>> e : snapshot.partitions().entrySet()) {
      List<DataFile> files = e.getValue();
      long rows = 0;
      long bytes = 0;
      for (DataFile f : files) {
        rows = rows < 0 || f.rows() < 0 ? -1 : rows + f.rows();
        bytes += f.bytes();
      }
      parts.add(new Partition(e.getKey(), files.get(0).partition(), files.size(), rows, bytes,
          rows < 0 ? null : FROM_LOG));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", spec);
    doc.put("location", snapshot.location().toString());
    doc.put("version", snapshot.version());
    return document(doc, snapshot.partitionColumns(), parts);
  }

  /**
   * The partitions of a directory of Hive {@code key=value} directories: bytes from the
   * listing, rows from each file's format when its metadata says them, else from the job
   * summary when it lists the partition with as many files as are there.
   */
  static Map<String, Object> ofDirectory(Configuration conf, Path dir, InputFiles listing) throws IOException {
    Map<String, SummaryPartition> summary = summaryPartitions(dir.getFileSystem(conf), dir);
    Map<String, List<InputFile>> byPartition = new TreeMap<>();
    Map<String, Map<String, String>> values = new HashMap<>();
    for (InputFile f : listing.files()) {
      Map<String, String> v = new LinkedHashMap<>();
      for (int i = 0; i < listing.partitionColumns().size(); i++) {
        v.put(listing.partitionColumns().get(i), f.partitionValues().get(i));
      }
      String path = DataFile.partitionPath(v);
      byPartition.computeIfAbsent(path, k -> new ArrayList<>()).add(f);
      values.put(path, v);
    }
    List<Partition> parts = new ArrayList<>();
    for (Map.Entry<String, List<InputFile>> e : byPartition.entrySet()) {
      parts.add(partition(conf, e.getKey(), values.get(e.getKey()), e.getValue(), summary.get(e.getKey())));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("directory", dir.toString());
    doc.put("summary", summary.isEmpty() ? null : FROM_SUMMARY);
    return document(doc, listing.partitionColumns(), parts);
  }

  private static Partition partition(Configuration conf, String path, Map<String, String> values,
      List<InputFile> files, SummaryPartition summary) throws IOException {
    long rows = 0;
    long bytes = 0;
    for (InputFile f : files) {
      bytes += f.length();
      if (rows >= 0) {
        InputFormatDescriptor format = InputFormats.detect(conf, f);
        long n = format == null ? -1 : format.rowCount(conf, f);
        rows = n < 0 ? -1 : rows + n;
      }
    }
    if (rows >= 0) {
      return new Partition(path, values, files.size(), rows, bytes, FROM_FOOTERS);
    }
    if (summary != null && summary.files() == files.size()) {
      return new Partition(path, values, files.size(), summary.rows(), bytes, FROM_SUMMARY);
    }
    return new Partition(path, values, files.size(), -1, bytes, null);
  }

  private record SummaryPartition(long rows, int files) {
  }

  /** The partitions the job summary lists, by path without a trailing slash; none when there is no summary. */
  private static Map<String, SummaryPartition> summaryPartitions(FileSystem fs, Path dir) throws IOException {
    Map<String, SummaryPartition> out = new HashMap<>();
    Path file = new Path(dir, JobSummary.FILE_NAME);
    JsonNode root;
    try (InputStream in = fs.open(file)) {
      root = new ObjectMapper().readTree(in);
    } catch (FileNotFoundException e) {
      return out;
    } catch (IOException e) {
      throw new IOException(file + ": not a job summary lakemr can read: " + e.getMessage(), e);
    }
    for (JsonNode p : root.path("partitions")) {
      String path = p.path("path").asText();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      out.put(path, new SummaryPartition(p.path("rows").asLong(-1), p.path("files").asInt(-1)));
    }
    return out;
  }

  /** Completes {@code doc} with the partitions (sorted by path), totals, shares, largest over median and histogram. */
  private static Map<String, Object> document(Map<String, Object> doc, List<String> columns, List<Partition> parts) {
    parts.sort((a, b) -> a.path().compareTo(b.path()));
    doc.put("format", "partitions");
    doc.put("partitionColumns", columns);
    long rows = 0;
    long bytes = 0;
    int files = 0;
    boolean rowsKnown = true;
    TreeSet<String> from = new TreeSet<>();
    for (Partition p : parts) {
      rowsKnown &= p.rows() >= 0;
      rows += Math.max(0, p.rows());
      bytes += p.bytes();
      files += p.files();
      if (p.rowsFrom() != null) {
        from.add(p.rowsFrom());
      }
    }
    doc.put("rowsFrom", List.copyOf(from));
    doc.put("partitions", partitionEntries(parts, rows));
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("partitions", parts.size());
    totals.put("files", files);
    totals.put("rows", rowsKnown ? rows : null);
    totals.put("bytes", bytes);
    doc.put("totals", totals);
    String measure = rowsKnown ? "rows" : "bytes";
    long[] sizes = new long[parts.size()];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = rowsKnown ? parts.get(i).rows() : parts.get(i).bytes();
      labels.add(parts.get(i).path());
    }
    doc.put("sizes", sizes(measure, sizes));
    doc.put("histogram", histogram(measure, SizeHistogram.of(labels, sizes, HISTOGRAM_LINES)));
    return doc;
  }

  private static List<Object> partitionEntries(List<Partition> parts, long totalRows) {
    List<Object> out = new ArrayList<>();
    for (Partition p : parts) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("partition", p.path());
      e.put("values", p.values());
      e.put("files", p.files());
      e.put("rows", p.rows() < 0 ? null : p.rows());
      e.put("bytes", p.bytes());
      e.put("rowShare", p.rows() < 0 || totalRows == 0 ? null : Math.round(p.rows() * 10_000.0 / totalRows) / 10_000.0);
      e.put("rowsFrom", p.rowsFrom());
      out.add(e);
    }
    return out;
  }

  /** The largest and median partition by {@code measure}, and their ratio (null when the median is 0 and the largest not). */
  private static Map<String, Object> sizes(String measure, long[] sizes) {
    ReducerSizes s = new ReducerSizes(sizes);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("measure", measure);
    out.put("largest", s.largest());
    out.put("median", s.median());
    double ratio = s.largestOverMedian();
    out.put("largestOverMedian", Double.isInfinite(ratio) ? null : Math.round(ratio * 100) / 100.0);
    return out;
  }

  private static Map<String, Object> histogram(String measure, SizeHistogram h) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("measure", measure);
    out.put("scale", h.perPartition() ? "one bar per partition" : "log2 buckets");
    List<Object> bars = new ArrayList<>();
    for (SizeHistogram.Bar b : h.bars()) {
      Map<String, Object> bar = new LinkedHashMap<>();
      if (b.label() != null) {
        bar.put("partition", b.label());
        bar.put(measure, b.from());
      } else {
        bar.put("from", b.from());
        bar.put("to", b.to());
        bar.put("partitions", b.count());
      }
      bar.put("bar", b.hashes());
      bars.add(bar);
    }
    out.put("bars", bars);
    return out;
  }
}
