package io.lakemr.formats.avro;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Schemas;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.SplitPlanner;
import io.lakemr.formats.SplitRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads Avro object container files as batches of rows. Files are cut into byte ranges as any
 * file is ({@link SplitPlanner}); each range reads the blocks whose sync marker it holds.
 */
public class AvroBatchInputFormat extends BatchInputFormat {

  /** Sets a reader schema to resolve each file's schema against; null for the files' own. */
  public static void setReaderSchema(Job job, Schema schema) {
    if (schema != null) {
      job.getConfiguration().set(LakemrConfig.AVRO_READER_SCHEMA, schema.toString());
    }
  }

  /** The reader schema, or null for the files' own. */
  public static Schema getReaderSchema(Configuration conf) {
    String json = conf.get(LakemrConfig.AVRO_READER_SCHEMA);
    return json == null || json.isEmpty() ? null : Schemas.parse(json);
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<String> paths = getInputPaths(conf);
    if (paths.isEmpty()) {
      throw new BadInputException("no input paths (" + LakemrConfig.INPUT_PATHS + ") set");
    }
    obtainTokens(context, paths);
    InputFiles files = InputFiles.list(conf, paths);
    return new ArrayList<>(SplitPlanner.plan(files.partitionColumns(), files.files(), SplitRules.minSize(context),
        SplitRules.maxSize(context, files.totalBytes())));
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new AvroBatchRecordReader();
  }
}
