package io.lakemr.formats.zarr;

import io.lakemr.formats.SplitRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a Zarr table into splits: a pure function of the table's shape, its listed chunk files
 * and the split-size settings, with no file system, so it is unit-tested with fake chunks.
 *
 * <p>The unit is one row of the chunk grid along dimension 0 (one row of shards for a sharded
 * array): a split never cuts a chunk. The split size is {@link SplitRules#splitSize}; units are added to a split until their stored
 * bytes (every array read, every chunk of the row) reach it, so a split holds many small
 * chunks; like {@code FileInputFormat}, the last split may be up to 10% larger rather than
 * leave a small remainder. A unit with no stored chunk (all fill value) weighs its decoded size
 * divided by {@link #FILL_WEIGHT}, so a store of missing chunks still spreads over splits. A
 * split's hosts are those holding most of its chunks' bytes.
 */
public final class ZarrSplitPlanner {

  /** How much cheaper a missing (fill-value) unit is than its decoded size. */
  static final long FILL_WEIGHT = 64;

  /**
   * What the planner needs of a table.
   *
   * @param records indexes of dimension 0
   * @param rowsPerRecord table rows per index of dimension 0
   * @param unitRecords grid chunk (shard) size along dimension 0
   * @param bytesPerRecord decoded bytes per record over the arrays read
   * @param chunks the stored chunk files of every array read
   */
  public record Input(long records, long rowsPerRecord, int unitRecords, long bytesPerRecord,
      List<ZarrStoredChunk> chunks) {

    public Input {
      chunks = List.copyOf(chunks);
    }
  }

  private ZarrSplitPlanner() {
  }

  /**
   * Plans the splits of one store's table.
   *
   * @return the splits in row order; together they hold every row exactly once
   */
  public static List<ZarrRowRange> plan(Input in, long blockSize, long minSize, long maxSize) {
    List<ZarrRowRange> out = new ArrayList<>();
    if (in.records() <= 0) {
      return out;
    }
    long splitSize = Math.max(1, SplitRules.splitSize(blockSize, minSize, maxSize));
    int units = Math.toIntExact((in.records() + in.unitRecords() - 1) / in.unitRecords());
    long[] stored = new long[units];
    List<List<ZarrStoredChunk>> byUnit = new ArrayList<>(units);
    for (int u = 0; u < units; u++) {
      byUnit.add(new ArrayList<>());
    }
    for (ZarrStoredChunk c : in.chunks()) {
      if (c.row() >= 0 && c.row() < units) {
        stored[(int) c.row()] += c.bytes();
        byUnit.get((int) c.row()).add(c);
      }
    }
    long fillWeight = Math.max(1, in.unitRecords() * in.bytesPerRecord() / FILL_WEIGHT);
    long[] weight = new long[units];
    long remaining = 0;
    for (int u = 0; u < units; u++) {
      weight[u] = stored[u] > 0 ? stored[u] : fillWeight;
      remaining += weight[u];
    }
    int u = 0;
    while (u < units) {
      int start = u;
      long acc = 0;
      if (remaining <= splitSize * SplitRules.SPLIT_SLOP) {
        u = units;
      } else {
        while (u < units && (acc == 0 || acc + weight[u] <= splitSize)) {
          acc += weight[u++];
        }
      }
      for (int k = start; k < u; k++) {
        remaining -= weight[k];
      }
      out.add(range(in, start, u, stored, byUnit));
    }
    return out;
  }

  private static ZarrRowRange range(Input in, int startUnit, int endUnit, long[] stored,
      List<List<ZarrStoredChunk>> byUnit) {
    long first = (long) startUnit * in.unitRecords();
    long end = Math.min((long) endUnit * in.unitRecords(), in.records());
    Map<String, Long> hostBytes = new LinkedHashMap<>();
    long bytes = 0;
    int replicas = 0;
    for (int u = startUnit; u < endUnit; u++) {
      bytes += stored[u];
      for (ZarrStoredChunk c : byUnit.get(u)) {
        String[] hosts = c.hosts();
        replicas = Math.max(replicas, hosts.length);
        for (String h : hosts) {
          hostBytes.merge(h, c.bytes(), Long::sum);
        }
      }
    }
    String[] hosts = SplitRules.topHosts(hostBytes, Math.min(replicas, SplitRules.MAX_HOSTS));
    return new ZarrRowRange(first * in.rowsPerRecord(), end * in.rowsPerRecord(), first, end, bytes, hosts);
  }
}
