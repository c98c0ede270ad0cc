package io.lakemr.api;

import io.lakemr.conf.LakemrConfig;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.util.ReflectionUtils;

/**
 * The input format {@link LakemrInput#configure} sets: the format's own, whose batches are
 * filtered and narrowed to the columns asked for ({@link FilteredRecordReader}).
 */
class FilteredInputFormat extends InputFormat<NullWritable, VectorizedRowBatch> {

  @SuppressWarnings("unchecked")
  private static InputFormat<NullWritable, VectorizedRowBatch> delegate(Configuration conf) {
    Class<?> c = conf.getClass(LakemrConfig.API_INPUT_FORMAT_CLASS, null);
    if (c == null) {
      throw new IllegalStateException(LakemrConfig.API_INPUT_FORMAT_CLASS + " is not set");
    }
    return (InputFormat<NullWritable, VectorizedRowBatch>) ReflectionUtils.newInstance(c, conf);
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException, InterruptedException {
    return delegate(context.getConfiguration()).getSplits(context);
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    return new FilteredRecordReader(delegate(conf).createRecordReader(split, context), conf);
  }
}
