package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.junit.jupiter.api.Test;

class SplitRulesTest {

  private static final long MB = 1024L * 1024;

  private static Job job(String framework, int slots) throws IOException {
    Configuration conf = new Configuration(); // with mapred-default.xml's split settings
    conf.set("mapreduce.framework.name", framework);
    conf.setInt(SplitRules.LOCAL_MAPS_KEY, slots);
    return Job.getInstance(conf);
  }

  @Test
  void aLocalRunSharesAnInputSmallerThanOneBlockPerCoreAmongItsCores() throws IOException {
    Job job = job("local", 2);
    assertEquals(50 * MB, SplitRules.maxSize(job, 100 * MB));
    // one split plan over 100 MB with that size gives two splits, not one
    List<MultiRangeSplit> splits = SplitPlanner.plan(List.of(),
        List.of(SplitPlannerTest.file("a", 100 * MB, 128 * MB)), SplitRules.minSize(job),
        SplitRules.maxSize(job, 100 * MB));
    assertEquals(2, splits.size());
  }

  @Test
  void theShareNeverFallsBelowTheSmallestWorthwhileSplit() throws IOException {
    assertEquals(SplitRules.MIN_SHARE_SPLIT, SplitRules.maxSize(job("local", 2), 3 * MB));
    assertEquals(SplitRules.MIN_SHARE_SPLIT, SplitRules.maxSize(job("local", 4), 0));
  }

  @Test
  void aLargeInputKeepsTheBlockSizedSplitsItHadAlready() throws IOException {
    Job job = job("local", 2);
    long max = SplitRules.maxSize(job, 10_000 * MB);
    assertEquals(128 * MB, SplitRules.splitSize(128 * MB, SplitRules.minSize(job), max));
  }

  @Test
  void clustersSingleSlotsAndSplitSizesTheJobSetAreLeftAlone() throws IOException {
    assertEquals(Long.MAX_VALUE, SplitRules.maxSize(job("yarn", 2), 100 * MB));
    assertEquals(Long.MAX_VALUE, SplitRules.maxSize(job("local", 1), 100 * MB));
    Job set = job("local", 2);
    FileInputFormat.setMaxInputSplitSize(set, 90 * MB);
    assertEquals(90 * MB, SplitRules.maxSize(set, 100 * MB));
    Job min = job("local", 2);
    FileInputFormat.setMinInputSplitSize(min, 64 * MB);
    assertEquals(Long.MAX_VALUE, SplitRules.maxSize(min, 100 * MB));
  }

  @Test
  void wholeFileJobsAreNeverCut() throws IOException {
    Job job = job("local", 2);
    SplitRules.setWholeFiles(job);
    assertEquals(SplitRules.WHOLE_FILES,
        SplitRules.splitSize(128 * MB, SplitRules.minSize(job), SplitRules.maxSize(job, 100 * MB)));
  }
}
