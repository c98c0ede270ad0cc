package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.MapSideBudget;
import io.lakemr.convert.PartitionPlan;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;

/**
 * How a {@code convert} with partition columns writes them, chosen on the client: as
 * {@code --partition-plan} asks, or for {@code auto} by {@link PartitionPlan#mapSideWins} from
 * the partitions a sample of the input holds ({@link ConvertSkew#sample}), which a shuffle then
 * also uses to spread skewed partitions.
 *
 * @param mapSide true to write map-side, false to shuffle by partition
 * @param why the reason, for the plan line: the option, or the estimate and the rule's verdict
 * @param maxOpenFiles the most files a map task writing map-side keeps open
 * @param sample the sample of the partitions, or null when none was taken (or it failed)
 */
record PartitionChoice(boolean mapSide, String why, int maxOpenFiles, ConvertSkew.Sample sample) {

  /**
   * The choice for a conversion, taking the sample when the choice or the shuffle's skew
   * spreading needs it; null without partition columns.
   *
   * @param compaction true for a table's compaction, which always shuffles
   * @throws BadInputException naming {@code --partition-plan} for a bad value or an option it
   *     cannot be used with, or naming a map-side key out of range
   */
  static PartitionChoice choose(CommandLine cl, Job job, InputSource input, ConvertPlan plan, int reducers,
      long inputBytes, boolean compaction, String command, PrintStream err) throws InterruptedException {
    String option = cl.get("partition-plan");
    PartitionPlan asked = option == null ? PartitionPlan.AUTO : PartitionPlan.parse("partition-plan", option);
    if (compaction) {
      asked = PartitionPlan.SHUFFLE;
    }
    if (plan.partitionColumns().isEmpty()) {
      if (option != null) {
        throw new BadInputException("--partition-plan needs --partition-by: it says how partitions are written");
      }
      return null;
    }
    if (asked == PartitionPlan.MAP_SIDE && !plan.sortBy().isEmpty()) {
      throw new BadInputException("--partition-plan map-side cannot be used with --sort-by: rows are sorted "
          + "within files by the shuffle");
    }
    if (asked == PartitionPlan.MAP_SIDE && cl.has("reducers")) {
      throw new BadInputException("--partition-plan map-side cannot be used with --reducers: it runs no reducers");
    }
    Configuration conf = job.getConfiguration();
    // checks the map-side keys on the client, before a task would find them wrong
    int open = MapSideBudget.of(conf, Runtime.getRuntime().maxMemory()).maxOpenFiles();
    boolean chooses = asked == PartitionPlan.AUTO && plan.sortBy().isEmpty();
    ConvertSkew.Sample sample = chooses || (asked != PartitionPlan.MAP_SIDE && ConvertSkew.spreads(conf, plan, reducers))
        ? ConvertSkew.sample(job, input, plan, command, err) : null;
    if (asked != PartitionPlan.AUTO) {
      return new PartitionChoice(asked == PartitionPlan.MAP_SIDE, compaction ? "a compaction gathers each partition"
          : "--partition-plan " + asked, open, sample);
    }
    if (!plan.sortBy().isEmpty()) {
      return new PartitionChoice(false, "--sort-by orders the rows in the shuffle", open, sample);
    }
    if (sample == null) {
      return new PartitionChoice(false, "no sample of the partitions", open, null);
    }
    long target = conf.getLong(LakemrConfig.OUTPUT_FILE_MAX_BYTES, 0);
    long targetBytes = target > 0 ? target : Long.MAX_VALUE;
    long p = sample.partitions();
    String estimate = String.format("~%,d partition%s, %s input", p, p == 1 ? "" : "s", JobPlan.bytes(inputBytes));
    int perReducer = PartitionPlan.PARTITIONS_PER_REDUCER;
    if (PartitionPlan.mapSideWins(p, inputBytes, targetBytes, reducers)) {
      return new PartitionChoice(true, estimate + ": over " + perReducer + " per reducer, each under a "
          + JobPlan.bytes(targetBytes) + " file", open, sample);
    }
    String rule = p <= (long) perReducer * Math.max(1, reducers) ? "at most " + perReducer + " per reducer"
        : "a " + JobPlan.bytes(targetBytes) + " file or more each";
    return new PartitionChoice(false, estimate + ": " + rule, open, sample);
  }
}
