package io.lakemr.convert;

import io.lakemr.conf.LakemrConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.WritableComparator;

/**
 * The partitions of a shuffling {@code convert} that hold more than their share of the rows,
 * each spread over a run of reducers, so that one large partition does not leave one reducer
 * with most of the job while the others idle.
 *
 * <p>Made on the client from a sample of the rows' partition keys ({@link #estimate}): a
 * partition whose share passes {@code factor / reducers} gets {@code ceil(share × reducers)}
 * reducers, consecutive (wrapping round), placed where the estimated load of the busiest
 * reducer of the run stays lowest. {@link ConvertPartitioner} sends each row of such a
 * partition to one reducer of its run by a hash of the whole row, so the same row always goes
 * to the same reducer (a retried map attempt sends it where the first one did); every other
 * partition goes, whole, to the reducer its key's hash picks. Each reducer writes its own
 * files ({@code part-r-NNNNN}), so a spread partition has files from several reducers and
 * the same rows.
 *
 * <p>Stored in the job configuration under {@link LakemrConfig#CONVERT_SKEW_PARTITIONS}.
 */
public final class SkewPlan {

  /** No partition is spread. */
  public static final SkewPlan NONE = new SkewPlan(0, List.of());

  /**
   * A partition spread over reducers {@code first}, {@code first + 1}, ... ({@code count} of
   * them, modulo the reducers).
   *
   * @param prefix the partition's encoded key prefix, as the shuffle key starts
   * @param share its estimated share of the rows, 0 to 1
   */
  public record Heavy(byte[] prefix, double share, int first, int count) {

    /** The encoded key prefix in base64, as stored. */
    public String prefixBase64() {
      return Base64.getEncoder().encodeToString(prefix);
    }
  }

  private final int reducers;
  private final List<Heavy> heavy;
  /** The heavy partitions ordered by the hash of their prefix, and those hashes, for lookup by row. */
  private final Heavy[] byHash;
  private final int[] hashes;

  private SkewPlan(int reducers, List<Heavy> heavy) {
    this.reducers = reducers;
    this.heavy = List.copyOf(heavy);
    this.byHash = heavy.toArray(new Heavy[0]);
    Arrays.sort(byHash, Comparator.comparingInt(h -> prefixHash(h.prefix(), h.prefix().length)));
    this.hashes = new int[byHash.length];
    for (int i = 0; i < byHash.length; i++) {
      hashes[i] = prefixHash(byHash[i].prefix(), byHash[i].prefix().length);
    }
  }

  /** The hash by which a partition's rows go to a reducer when it is not spread. */
  static int prefixHash(byte[] key, int prefixLength) {
    return WritableComparator.hashBytes(key, 0, prefixLength);
  }

  /** The reducer a partition whose prefix hashes to {@code hash} goes to when it is not spread. */
  static int natural(int hash, int reducers) {
    return (hash & Integer.MAX_VALUE) % reducers;
  }

  /**
   * The plan for a sample of partition keys.
   *
   * @param weights each sampled partition's key prefix (base64) and its weight (its sampled
   *     rows, scaled as the sampler sees fit); the shares are the weights over their sum
   * @param factor how many times its fair share ({@code 1 / reducers}) a partition must pass
   *     to be spread
   */
  public static SkewPlan estimate(Map<String, Double> weights, int reducers, double factor) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    if (reducers < 2 || total <= 0) {
      return NONE;
    }
    double threshold = factor / reducers;
    double[] load = new double[reducers];
    List<Heavy> candidates = new ArrayList<>();
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      byte[] prefix = Base64.getDecoder().decode(e.getKey());
      double share = e.getValue() / total;
      if (share > threshold) {
        int count = (int) Math.min(reducers, Math.ceil(share * reducers));
        candidates.add(new Heavy(prefix, share, natural(prefixHash(prefix, prefix.length), reducers), count));
      } else {
        load[natural(prefixHash(prefix, prefix.length), reducers)] += share;
      }
    }
    candidates.sort(Comparator.comparingDouble(Heavy::share).reversed()
        .thenComparing(Heavy::prefix, Arrays::compareUnsigned));
    List<Heavy> placed = new ArrayList<>();
    for (Heavy h : candidates) {
      int first = leastLoadedRun(load, h.first(), h.count(), h.share() / h.count());
      for (int j = 0; j < h.count(); j++) {
        load[(first + j) % reducers] += h.share() / h.count();
      }
      placed.add(new Heavy(h.prefix(), h.share(), first, h.count()));
    }
    return new SkewPlan(reducers, placed);
  }

  /** The start of the run of {@code count} reducers whose busiest one stays least loaded, searched from {@code from}. */
  private static int leastLoadedRun(double[] load, int from, int count, double add) {
    int n = load.length;
    int best = from;
    double bestMax = Double.MAX_VALUE;
    for (int t = 0; t < n; t++) {
      int s = (from + t) % n;
      double max = 0;
      for (int j = 0; j < count; j++) {
        max = Math.max(max, load[(s + j) % n] + add);
      }
      if (max < bestMax - 1e-12) {
        bestMax = max;
        best = s;
      }
    }
    return best;
  }

  /** The spread partitions, largest share first. */
  public List<Heavy> heavy() {
    return heavy;
  }

  /** The number of reducers the plan was made for. */
  public int reducers() {
    return reducers;
  }

  /**
   * The reducer of a row: for a spread partition, one of its run by {@code rowHash}; for any
   * other, the one its prefix hash picks.
   *
   * @param key the shuffle key, starting with the partition prefix
   * @param prefixLength the length of that prefix
   * @param row the row's encoded bytes, hashed (for a spread partition) to pick its reducer
   */
  public int reducer(byte[] key, int prefixLength, byte[] row, int rowLength, int reducers) {
    int hash = prefixHash(key, prefixLength);
    if (reducers == this.reducers && byHash.length > 0) {
      int i = Arrays.binarySearch(hashes, hash);
      if (i >= 0) {
        while (i > 0 && hashes[i - 1] == hash) {
          i--;
        }
        for (; i < hashes.length && hashes[i] == hash; i++) {
          Heavy h = byHash[i];
          if (Arrays.equals(h.prefix(), 0, h.prefix().length, key, 0, prefixLength)) {
            int rowHash = WritableComparator.hashBytes(row, 0, rowLength);
            return (h.first() + Math.floorMod(mix(rowHash), h.count())) % reducers;
          }
        }
      }
    }
    return natural(hash, reducers);
  }

  /** Murmur3's finaliser: spreads a weak hash's bits before it is taken modulo a small count. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** Writes the plan into a job configuration; unsets the key when no partition is spread. */
  public void store(Configuration conf) {
    if (heavy.isEmpty()) {
      conf.unset(LakemrConfig.CONVERT_SKEW_PARTITIONS);
      return;
    }
    List<String> entries = new ArrayList<>();
    for (Heavy h : heavy) {
      entries.add(h.prefixBase64() + ":" + h.first() + ":" + h.count() + ":" + h.share());
    }
    conf.set(LakemrConfig.CONVERT_SKEW_PARTITIONS, String.join(",", entries));
  }

  /**
   * Reads a plan written by {@link #store}, for {@code reducers} reducers.
   *
   * @throws IllegalArgumentException naming the key when its value is malformed
   */
  public static SkewPlan load(Configuration conf, int reducers) {
    String text = conf.getTrimmed(LakemrConfig.CONVERT_SKEW_PARTITIONS, "");
    if (text.isEmpty()) {
      return NONE;
    }
    List<Heavy> heavy = new ArrayList<>();
    for (String entry : text.split(",")) {
      String[] f = entry.split(":");
      try {
        int first = Integer.parseInt(f[1]);
        int count = Integer.parseInt(f[2]);
        if (f.length != 4 || first < 0 || first >= reducers || count < 1 || count > reducers) {
          throw new IllegalArgumentException("out of range for " + reducers + " reducers");
        }
        heavy.add(new Heavy(Base64.getDecoder().decode(f[0]), Double.parseDouble(f[3]), first, count));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(LakemrConfig.CONVERT_SKEW_PARTITIONS + ": malformed entry '" + entry
            + "' (expected prefix:first:count:share): " + e.getMessage(), e);
      }
    }
    return new SkewPlan(reducers, heavy);
  }
}
