package io.lakemr.mappers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.formats.sample.SensorTable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Writes its split's rows of the sample sensor table: each input record is a chunk of rows
 * (first row, count), filled into one reused batch and written to the task's output file
 * through {@link BatchOutputFormat#openWriter}. Emits nothing through the context.
 */
public class GenerateMapper extends Mapper<LongWritable, LongWritable, NullWritable, NullWritable> {

  /** Counters of the generator. */
  public enum Counters {
    /** Rows of the sensor table generated. */
    ROWS_GENERATED
  }

  private SensorTable table;
  private VectorizedRowBatch batch;
  private PartitionedBatchWriter writer;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    table = new SensorTable(
        conf.getLong(LakemrConfig.GENERATE_SEED, LakemrConfig.GENERATE_SEED_DEFAULT),
        conf.getLong(LakemrConfig.GENERATE_ROWS, 0));
    batch = Schemas.newBatch(SensorTable.COLUMNS,
        conf.getInt(LakemrConfig.BATCH_ROWS, LakemrConfig.BATCH_ROWS_DEFAULT));
    writer = BatchOutputFormat.openWriter(context);
    writer.startPartition(new String[0]);
  }

  @Override
  protected void map(LongWritable firstRow, LongWritable rows, Context context)
      throws IOException {
    table.fill(batch, firstRow.get(), (int) rows.get());
    writer.write(batch);
    context.getCounter(Counters.ROWS_GENERATED).increment(rows.get());
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    PartitionedBatchWriter w = writer;
    writer = null;
    if (w != null) {
      w.close();
    }
  }

  /** As {@link Mapper#run}, but the output file is closed even when a row fails. */
  @Override
  public void run(Context context) throws IOException, InterruptedException {
    setup(context);
    try {
      while (context.nextKeyValue()) {
        map(context.getCurrentKey(), context.getCurrentValue(), context);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        writer = null;
      }
      throw e;
    }
    cleanup(context);
  }
}
