package io.lakemr.drivers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.DistinctAggregation;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.data.GroupKey;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputManifest;
import io.lakemr.publish.OutputTarget;
import io.lakemr.reducers.AggregateReducer;
import io.lakemr.reducers.IncrementalAggregateReducer;
import io.lakemr.reducers.IncrementalDistinctStageReducer;
import io.lakemr.reducers.StateReducer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineSequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;

/**
 * The jobs of {@code aggregate --incremental} into a table, before the one writing the output.
 *
 * <p>The table keeps every group's merged partial aggregate (what combiners exchange: counts,
 * exact sums, moments, sketches; for {@code count_distinct} one entry per group and distinct
 * value) in state files under {@value TableLog#STATE_DIR}/, one directory per output partition,
 * listed in its log. A run reads only the input files the log does not record as consumed:
 * <ul>
 *   <li>the first run (and {@code --full-refresh}) aggregates everything in one job whose
 *       reducer writes the results and the state, and overwrites the table;
 *   <li>later runs aggregate the new files into state files per output partition (the
 *       partitions they touch), then merge those with the table's state of the same
 *       partitions only, writing their results and state anew, and overwrite just those
 *       partitions.
 * </ul>
 * The results are those of a full run over all the inputs, since merging partials in any order
 * gives what one aggregation of all the rows gives.
 */
final class IncrementalAggregation {

  private static final long STATE_SPLIT_BYTES = 128L << 20;

  private final Configuration conf;
  private final AggregateTool.Setup setup;
  private final OutputTarget target;
  private final JobSummary summary;
  private final PrintStream progress;
  private Job inputJob;
  /** With count_distinct, the output of the stage whose reducer wrote the state. */
  private Path distinctStage;

  IncrementalAggregation(Configuration conf, AggregateTool.Setup setup, OutputTarget target, JobSummary summary,
      PrintStream progress) {
    this.conf = conf;
    this.setup = setup;
    this.target = target;
    this.summary = summary;
    this.progress = progress;
  }

  /** The job that read the input (the first one run). */
  Job inputJob() {
    return inputJob;
  }

  /**
   * Runs the jobs before the last and gives the last, its output format not yet set: it writes
   * the results, and (but with count_distinct) the state into the staging directory.
   */
  Job finalJob() throws Exception {
    IncrementalInputs inputs = setup.incremental();
    inputJob = AggregateTool.inputJob(conf, setup);
    InputManifest.set(inputJob, target.intermediate("input-manifest.json"), inputs.read());
    try {
      Job last = inputs.full() ? inputJob : mergeJob(setup.table().base());
      if (setup.plan().distinctColumn() == null) {
        last.setReducerClass(IncrementalAggregateReducer.class);
        return last;
      }
      last.setReducerClass(IncrementalDistinctStageReducer.class);
      distinctStage = target.intermediate("distinct-stage");
      JobRunner.runStage(last, distinctStage, target.failureDir("distinct-stage"), progress);
      summary.job(last, last == inputJob);
      Job second = AggregateTool.secondStage(conf, setup.plan(), distinctStage, setup.reducers());
      second.setReducerClass(AggregateReducer.class);
      return second;
    } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
      target.discard();
      throw e;
    }
  }

  /**
   * Moves the state a distinct stage wrote beside its output into the staging directory, so
   * that it is published and committed with the results.
   */
  void beforePublish(FileSystem fs) throws IOException {
    if (distinctStage == null) {
      return;
    }
    Path state = new Path(distinctStage, TableLog.STATE_DIR);
    if (fs.exists(state) && !fs.rename(state, new Path(target.staging(), TableLog.STATE_DIR))) {
      throw new IOException("could not move " + state + " into " + target.staging());
    }
  }

  /**
   * Runs the aggregation of the new input into state files, and gives the job merging them
   * with the table's state of the partitions they touch.
   */
  private Job mergeJob(TableSnapshot base) throws Exception {
    Path newState = target.intermediate("new-state");
    inputJob.setReducerClass(StateReducer.class);
    inputJob.setOutputKeyClass(NullWritable.class);
    inputJob.setOutputValueClass(NullWritable.class);
    LazyOutputFormat.setOutputFormatClass(inputJob, SequenceFileOutputFormat.class);
    JobRunner.runStage(inputJob, newState, target.failureDir("new-state"), progress);
    summary.job(inputJob, true);

    AggregatePlan plan = setup.plan();
    Job merge = Job.getInstance(conf, "lakemr aggregate (incremental merge)");
    if (plan.distinctColumn() == null) {
      plan.store(merge.getConfiguration());
    } else {
      DistinctAggregation.storeFirstStage(merge.getConfiguration(), plan);
      merge.setOutputKeyClass(GroupKey.class);
      merge.setOutputValueClass(BytesWritable.class);
      merge.setOutputFormatClass(SequenceFileOutputFormat.class);
    }
    // many small state files, one per partition and task: packed into few splits
    merge.setInputFormatClass(CombineSequenceFileInputFormat.class);
    CombineFileInputFormat.setMaxInputSplitSize(merge, STATE_SPLIT_BYTES);
    FileInputFormat.setInputDirRecursive(merge, true);
    FileInputFormat.addInputPath(merge, newState);
    // a global aggregate's one group is merged even when no new row passed the filter, since
    // its reducer would otherwise write the empty input's row over the table's
    Set<Map<String, String>> touched = plan.isGlobal() ? Set.of(Map.of())
        : touchedPartitions(newState, base.partitionColumns());
    for (DataFile f : base.stateFiles(touched::contains)) {
      FileInputFormat.addInputPath(merge, base.path(f));
    }
    AggregateTool.setMapSide(merge, Mapper.class);
    merge.setNumReduceTasks(setup.reducers());
    return merge;
  }

  /** The partitions of the state files below {@code dir}, read from their directories. */
  private Set<Map<String, String>> touchedPartitions(Path dir, List<String> partitionColumns) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    String root = fs.makeQualified(dir).toUri().getPath();
    Set<Map<String, String>> out = new HashSet<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      Path p = it.next().getPath();
      String relative = p.toUri().getPath().substring(root.length() + 1);
      if (!InputFiles.isHidden(p.getName())) {
        out.add(DataFile.ofHivePath(relative, partitionColumns, -1, 0).partition());
      }
    }
    return out;
  }
}
