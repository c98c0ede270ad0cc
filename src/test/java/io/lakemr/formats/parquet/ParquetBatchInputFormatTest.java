package io.lakemr.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.CountingReporter;
import io.lakemr.formats.MultiRangeSplit;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits planned from listings, read back through the record reader, each row once. */
class ParquetBatchInputFormatTest {

  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message m { required int64 id; optional binary name (STRING); }");

  @TempDir
  java.nio.file.Path dir;

  private void write(String relative, long firstId, int rows) throws IOException {
    Path p = new Path(dir.resolve(relative).toUri());
    SimpleGroupFactory f = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(p).withType(SCHEMA)
        .withRowGroupSize(16 * 1024).withPageSize(1024).build()) {
      for (long i = firstId; i < firstId + rows; i++) {
        w.write(f.newGroup().append("id", i).append("name", "n" + i * 7919));
      }
    }
  }

  @Test
  void everyRowOfEverySplitIsReadOnceWithPartitionValues() throws Exception {
    write("t/year=2024/big.parquet", 0, 20_000);
    write("t/year=2024/small.parquet", 20_000, 10);
    write("t/year=__HIVE_DEFAULT_PARTITION__/other.parquet", 20_010, 100);
    Job job = Job.getInstance();
    ParquetBatchInputFormat.setInputPaths(job, List.of(dir.resolve("t").toString()));
    ParquetBatchInputFormat.setReadSchema(job, Schemas.record("row", List.of(
        new Column("year", ColumnType.STRING), new Column("id", ColumnType.LONG))));
    job.getConfiguration().setInt(LakemrConfig.BATCH_ROWS, 500);
    FileInputFormat.setMaxInputSplitSize(job, 20_000);

    ParquetBatchInputFormat format = new ParquetBatchInputFormat();
    List<InputSplit> splits = format.getSplits(job);
    assertTrue(splits.size() > 3, "only " + splits.size() + " splits");

    int[] seen = new int[20_110];
    Counters counters = new Counters();
    for (InputSplit planned : splits) {
      MultiRangeSplit split = roundTrip((MultiRangeSplit) planned);
      TaskAttemptContextImpl context = new TaskAttemptContextImpl(job.getConfiguration(),
          new TaskAttemptID(), new CountingReporter(counters));
      try (RecordReader<NullWritable, VectorizedRowBatch> reader =
          format.createRecordReader(split, context)) {
        reader.initialize(split, context);
        while (reader.nextKeyValue()) {
          VectorizedRowBatch batch = reader.getCurrentValue();
          assertTrue(batch.size > 0 && batch.size <= 500);
          for (int r = 0; r < batch.size; r++) {
            int id = (int) (long) (Long) BatchValues.value(batch.cols[1], r);
            seen[id]++;
            Object year = BatchValues.value(batch.cols[0], r);
            assertEquals(id >= 20_010 ? null : "2024", year, "year of row " + id);
          }
        }
      }
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(1, seen[i], "row " + i);
    }
    assertEquals(splits.size(), counters.findCounter(ParquetCounters.SPLITS).getValue());
    assertEquals(seen.length, counters.findCounter(ParquetCounters.ROWS).getValue());
    assertTrue(counters.findCounter(ParquetCounters.ROW_GROUPS).getValue() > 3);
  }

  private static MultiRangeSplit roundTrip(MultiRangeSplit split) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    split.write(out);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(out.getData(), out.getLength());
    MultiRangeSplit read = new MultiRangeSplit();
    read.readFields(in);
    assertEquals(split.ranges(), read.ranges());
    assertEquals(split.partitionColumns(), read.partitionColumns());
    assertEquals(split.getLength(), read.getLength());
    return read;
  }

  @Test
  void optionsAreCheckedWhenSet() throws IOException {
    Job job = Job.getInstance();
    assertEquals(List.of(), ParquetBatchInputFormat.getInputPaths(job.getConfiguration()));
    assertThrows(BadInputException.class, () -> ParquetBatchInputFormat.setInputPaths(job, List.of("")));
    // commas in a glob's braces, or in a name, survive the configuration
    List<String> paths = List.of("/d/{a,b}/x", "/e,f", "/g\\h");
    Job other = Job.getInstance();
    ParquetBatchInputFormat.setInputPaths(other, paths);
    assertEquals(paths, ParquetBatchInputFormat.getInputPaths(other.getConfiguration()));
    assertEquals(0, ParquetBatchInputFormat.getReadSchema(job.getConfiguration()).getFields().size());
    assertEquals(LakemrConfig.BATCH_ROWS_DEFAULT,
        ParquetBatchInputFormat.getBatchRows(job.getConfiguration()));
    assertThrows(BadInputException.class, () -> new ParquetBatchInputFormat().getSplits(job));
  }
}
