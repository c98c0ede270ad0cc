package io.lakemr.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.junit.jupiter.api.Test;

class BatchOutputFormatTest {

  private static final List<Column> COLS = List.of(new Column("a", ColumnType.LONG),
      new Column("b", ColumnType.STRING));

  @Test
  void typedSettersRoundTrip() throws Exception {
    Job job = Job.getInstance(new Configuration(false));
    Configuration conf = job.getConfiguration();
    assertEquals(OutputFormats.PARQUET, BatchOutputFormat.getOutputFormat(conf));
    assertEquals(List.of(), BatchOutputFormat.getPartitionColumns(conf));
    assertThrows(IllegalStateException.class, () -> BatchOutputFormat.getFileColumns(conf));
    BatchOutputFormat.configure(job, new Path("/out"), OutputFormats.CSV, COLS, List.of("day", "p q"));
    assertEquals(OutputFormats.CSV, BatchOutputFormat.getOutputFormat(conf));
    assertEquals(COLS, BatchOutputFormat.getFileColumns(conf));
    assertEquals(List.of("day", "p q"), BatchOutputFormat.getPartitionColumns(conf));
    assertEquals(BatchOutputFormat.class, job.getOutputFormatClass());
  }

  /** The committer moves task output at job commit whatever the cluster's algorithm is. */
  @Test
  void theCommitterIsAlgorithmOne() throws Exception {
    Configuration conf = new Configuration(false);
    conf.setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 2);
    conf.set(FileOutputFormat.OUTDIR, "file:/tmp/lakemr-committer-test");
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, TaskAttemptID.forName("attempt_1_0001_r_000000_0"));
    assertTrue(new BatchOutputFormat().getOutputCommitter(context) instanceof FileOutputCommitter);
    assertEquals(1, context.getConfiguration().getInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 0));
  }

  @Test
  void conflictingColumnsAreRejectedWhenSet() throws Exception {
    Job job = Job.getInstance(new Configuration(false));
    BatchOutputFormat.setFileColumns(job, COLS);
    BadInputException e = assertThrows(BadInputException.class,
        () -> BatchOutputFormat.setPartitionColumns(job, List.of("b")));
    assertTrue(e.getMessage().startsWith("--partition-by: column 'b'"), e.getMessage());
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setPartitionColumns(job, List.of("x,y")));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setPartitionColumns(job, List.of("x", "x")));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setPartitionColumns(job, List.of("")));

    Job other = Job.getInstance(new Configuration(false));
    BatchOutputFormat.setPartitionColumns(other, List.of("a"));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setFileColumns(other, COLS));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setFileColumns(other, List.of()));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setFileColumns(other,
        List.of(new Column("c", ColumnType.LONG), new Column("c", ColumnType.INT))));
    assertThrows(BadInputException.class, () -> BatchOutputFormat.setFileColumns(other,
        List.of(new Column("not a name", ColumnType.LONG))));
    assertEquals(null, other.getConfiguration().get(LakemrConfig.OUTPUT_FILE_SCHEMA));
  }

  @Test
  void recordWriterRefusesRecordsAndClosesQuietly() throws Exception {
    Configuration conf = new Configuration(false);
    TaskAttemptContext ctx = new TaskAttemptContextImpl(conf,
        TaskAttemptID.forName("attempt_1_0001_r_000000_0"));
    RecordWriter<NullWritable, NullWritable> w = new BatchOutputFormat().getRecordWriter(ctx);
    assertThrows(UnsupportedOperationException.class, () -> w.write(NullWritable.get(), NullWritable.get()));
    w.close(ctx);
  }
}
