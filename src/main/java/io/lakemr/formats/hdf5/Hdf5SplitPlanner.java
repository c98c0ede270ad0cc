package io.lakemr.formats.hdf5;

import io.lakemr.formats.SplitRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.BlockLocation;

/**
 * Cuts an HDF5 table into splits: a pure function of the dataset's metadata, the file's
 * {@link BlockLocation}s and the split-size settings, with no file system, so it is
 * unit-tested with fake blocks.
 *
 * <p>The split size is Hadoop's: {@code max(minSize, min(maxSize, blockSize))} ({@link SplitRules}). Chunked data is
 * cut only at chunk boundaries along dimension 0, so a split never cuts a chunk: a split holds
 * {@code max(1, splitSize / chunkBytes)} chunk rows, where chunkBytes is estimated from the
 * decoded element size (chunk rows x bytes per record); like {@code FileInputFormat}, the last
 * split may be up to 10% larger rather than leave a small remainder. Contiguous data is cut
 * into row ranges of about {@code splitSize} decoded bytes. A split's hosts are those holding
 * most of its stored bytes, as far as chunk addresses are known.
 */
public final class Hdf5SplitPlanner {

  /**
   * What the planner needs of a table.
   *
   * @param records indexes of dimension 0
   * @param rowsPerRecord table rows per index of dimension 0
   * @param chunkRecords chunk size along dimension 0, 0 for contiguous or compact data
   * @param bytesPerRecord decoded bytes per record over the datasets read
   * @param extents where the stored bytes are, by record range; may be empty
   */
  public record Input(long records, long rowsPerRecord, int chunkRecords, long bytesPerRecord,
      List<Hdf5ByteExtent> extents) {

    public Input {
      extents = List.copyOf(extents);
    }

    /** The planner's input for a mapped table, from its metadata (chunk indexes included). */
    public static Input of(Hdf5TableMapping m) {
      return new Input(m.records(), m.rowsPerRecord(), m.chunkRecords(), m.bytesPerRecord(), m.byteExtents());
    }
  }

  private Hdf5SplitPlanner() {
  }

  /**
   * Plans the splits of one file's table.
   *
   * @param in the table's metadata
   * @param blocks the file's block locations (may be empty)
   * @param blockSize the file's block size
   * @param minSize minimum split size ({@code mapreduce.input.fileinputformat.split.minsize})
   * @param maxSize maximum split size ({@code mapreduce.input.fileinputformat.split.maxsize})
   * @return the splits in row order; together they hold every row exactly once
   */
  public static List<Hdf5RowRange> plan(Input in, BlockLocation[] blocks, long blockSize, long minSize,
      long maxSize) {
    List<Hdf5RowRange> out = new ArrayList<>();
    if (in.records() <= 0) {
      return out;
    }
    long splitSize = Math.max(1, SplitRules.splitSize(blockSize, minSize, maxSize));
    long bytesPerRecord = Math.max(1, in.bytesPerRecord());
    long unit = in.chunkRecords() > 0 ? in.chunkRecords() : 1;
    long unitBytes = unit * bytesPerRecord;
    long unitsPerSplit = Math.max(1, splitSize / unitBytes);
    long totalUnits = (in.records() + unit - 1) / unit;
    long u = 0;
    while (u < totalUnits) {
      long take = totalUnits - u <= unitsPerSplit * SplitRules.SPLIT_SLOP ? totalUnits - u : unitsPerSplit;
      long first = u * unit;
      long end = Math.min((u + take) * unit, in.records());
      out.add(range(in, first, end, blocks));
      u += take;
    }
    return out;
  }

  private static Hdf5RowRange range(Input in, long first, long end, BlockLocation[] blocks) {
    Map<String, Long> hostBytes = new LinkedHashMap<>();
    long stored = 0;
    for (Hdf5ByteExtent e : in.extents()) {
      long lo = Math.max(first, e.firstRecord());
      long hi = Math.min(end, e.endRecord());
      if (lo >= hi) {
        continue;
      }
      long span = Math.max(1, e.endRecord() - e.firstRecord());
      // exact for a chunk (whole extent); proportional, in doubles, inside contiguous data
      long start = e.address() + (long) ((double) (lo - e.firstRecord()) / span * e.length());
      long stop = hi == e.endRecord() ? e.address() + e.length()
          : e.address() + (long) ((double) (hi - e.firstRecord()) / span * e.length());
      stored += stop - start;
      SplitRules.addHostBytes(start, stop, blocks, hostBytes);
    }
    long bytes = in.extents().isEmpty() ? (end - first) * in.bytesPerRecord() : stored;
    return new Hdf5RowRange(first * in.rowsPerRecord(), end * in.rowsPerRecord(), first, end, bytes,
        topHosts(hostBytes, blocks));
  }

  /** Hosts by bytes held, most first, as many as a block has replicas. */
  private static String[] topHosts(Map<String, Long> hostBytes, BlockLocation[] blocks) {
    int replicas = 0;
    for (BlockLocation b : blocks) {
      replicas = Math.max(replicas, SplitRules.hosts(b).length);
    }
    return SplitRules.topHosts(hostBytes, replicas);
  }
}
