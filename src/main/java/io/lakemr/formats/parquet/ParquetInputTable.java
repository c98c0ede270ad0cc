package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFacts;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputTable;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;

/** Parquet input: the schema from the first footer, read by {@link ParquetBatchInputFormat}. */
final class ParquetInputTable implements InputTable {

  private final TableSchema schema;

  ParquetInputTable(TableSchema schema) {
    this.schema = schema;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public void configure(Job job, List<String> inputPaths, Schema readSchema) {
    job.setInputFormatClass(ParquetBatchInputFormat.class);
    ParquetBatchInputFormat.setInputPaths(job, inputPaths);
    ParquetBatchInputFormat.setReadSchema(job, readSchema);
  }

  @Override
  public void setPushdown(Job job, List<ColumnPredicate> predicates) {
    ParquetBatchInputFormat.setPushdown(job, predicates);
  }

  @Override
  public String pushdownSummary(Counters counters) {
    long byStats = counters.findCounter(ParquetCounters.ROW_GROUPS_SKIPPED).getValue();
    long byBloom = counters.findCounter(ParquetCounters.ROW_GROUPS_SKIPPED_BY_BLOOM_FILTER).getValue();
    long byPages = counters.findCounter(ParquetCounters.ROW_GROUPS_SKIPPED_BY_PAGE_INDEX).getValue();
    long groups = byStats + byBloom + byPages + counters.findCounter(ParquetCounters.ROW_GROUPS).getValue();
    String text = String.format("%,d of %,d row groups skipped", byStats + byBloom + byPages, groups);
    if (byBloom > 0) {
      text += String.format(" (%,d by bloom filters)", byBloom);
    }
    long rows = counters.findCounter(ParquetCounters.ROWS_SKIPPED_BY_PAGE_INDEX).getValue();
    return rows == 0 ? text : text + String.format("; %,d rows of pages skipped by column indexes", rows);
  }

  @Override
  public InputFacts facts(Configuration conf, InputFiles files, List<ColumnPredicate> predicates,
      List<InputSplit> splits) throws IOException {
    return ParquetFacts.of(conf, files, predicates, splits);
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new ParquetBatchInputFormat();
  }

  @Override
  public Enum<?> rowsCounter() {
    return ParquetCounters.ROWS;
  }

  @Override
  public Enum<?> bytesCounter() {
    return ParquetCounters.BYTES;
  }
}
