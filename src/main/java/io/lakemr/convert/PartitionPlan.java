package io.lakemr.convert;

import io.lakemr.conf.BadInputException;
import java.util.Locale;

/**
 * How a {@code convert} with partition columns gets each partition's rows into files, as
 * {@code --partition-plan} asks for it: through a shuffle by partition value (a partition's
 * rows meet in one reducer, or a few for a skewed one, and fill as few files as the file limits
 * allow), or map-side (each map task writes the partitions of its own rows, with no shuffle;
 * {@link MapSidePartitions}); {@code auto} chooses between them by {@link #mapSideWins}.
 */
public enum PartitionPlan {
  AUTO("auto"),
  SHUFFLE("shuffle"),
  MAP_SIDE("map-side");

  /**
   * The most partitions per reducer for which {@code auto} always shuffles: {@value}. Above
   * it, each reducer would write many partitions, and whether the shuffle is worth its cost
   * depends on the partitions' size.
   */
  public static final int PARTITIONS_PER_REDUCER = 16;

  private final String text;

  PartitionPlan(String text) {
    this.text = text;
  }

  /**
   * The plan a user named.
   *
   * @throws BadInputException naming the option for anything but auto, shuffle or map-side
   */
  public static PartitionPlan parse(String option, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (PartitionPlan p : values()) {
      if (p.text.equals(v)) {
        return p;
      }
    }
    throw new BadInputException("--" + option + ": '" + value + "' is not a plan (auto, shuffle or map-side)");
  }

  /**
   * The rule of {@code auto}: write map-side when the partitions are many relative to the input,
   * that is both when there are more than {@value #PARTITIONS_PER_REDUCER} partitions per reducer
   * (each reducer would write many partitions) and when the average partition's input is under
   * one target file ({@code partitions × targetBytes > inputBytes}, so hardly any file could
   * reach the target size however the rows were shuffled). Otherwise shuffle: few partitions,
   * or partitions big enough that gathering each into few full files pays for the shuffle.
   *
   * @param partitions the estimated number of partitions
   * @param inputBytes the input's size
   * @param targetBytes the target file size
   * @param reducers the reducers a shuffle would run
   */
  public static boolean mapSideWins(long partitions, long inputBytes, long targetBytes, int reducers) {
    return partitions > (long) PARTITIONS_PER_REDUCER * Math.max(1, reducers)
        && (double) partitions * targetBytes > inputBytes;
  }

  /** As the option spells it: {@code auto}, {@code shuffle}, {@code map-side}. */
  @Override
  public String toString() {
    return text;
  }
}
