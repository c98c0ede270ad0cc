package io.lakemr.api;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.expr.BatchTransform;
import io.lakemr.formats.BatchInputFormat;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads the format's batches, runs the filter on each (narrowing its selection, copying no
 * row), skips the batches left empty, and hands on a batch whose vectors are the columns asked
 * for, in their order (the same vectors, not copies).
 */
final class FilteredRecordReader extends RecordReader<NullWritable, VectorizedRowBatch> {

  private final RecordReader<NullWritable, VectorizedRowBatch> in;
  private final BatchTransform transform;
  /** For each column handed on, its index in the transformed batch. */
  private final int[] picked;
  private VectorizedRowBatch out;

  FilteredRecordReader(RecordReader<NullWritable, VectorizedRowBatch> in, Configuration conf) {
    this.in = in;
    List<Column> read = Schemas.columns(BatchInputFormat.getReadSchema(conf));
    this.transform = BatchTransform.load(conf, read);
    List<String> names = transform.outputColumns().stream().map(Column::name).toList();
    List<TableColumn> wanted = LakemrInput.schema(conf).list();
    this.picked = new int[wanted.size()];
    for (int i = 0; i < picked.length; i++) {
      picked[i] = names.indexOf(wanted.get(i).name());
      if (picked[i] < 0) {
        throw new IllegalStateException("column " + wanted.get(i).name() + " is not read (reading " + names + ")");
      }
    }
  }

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) throws IOException, InterruptedException {
    in.initialize(split, context);
  }

  @Override
  public boolean nextKeyValue() throws IOException, InterruptedException {
    while (in.nextKeyValue()) {
      VectorizedRowBatch batch = transform.apply(in.getCurrentValue());
      if (batch.size > 0) {
        narrow(batch);
        return true;
      }
    }
    return false;
  }

  private void narrow(VectorizedRowBatch batch) {
    if (out == null) {
      out = new VectorizedRowBatch(picked.length, batch.getMaxSize());
    }
    for (int i = 0; i < picked.length; i++) {
      out.cols[i] = batch.cols[picked[i]];
    }
    out.size = batch.size;
    out.selectedInUse = batch.selectedInUse;
    out.selected = batch.selected;
    out.endOfFile = batch.endOfFile;
  }

  @Override
  public NullWritable getCurrentKey() {
    return NullWritable.get();
  }

  @Override
  public VectorizedRowBatch getCurrentValue() {
    return out;
  }

  @Override
  public float getProgress() throws IOException, InterruptedException {
    return in.getProgress();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
