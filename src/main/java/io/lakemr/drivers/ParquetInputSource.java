package io.lakemr.drivers;

import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.parquet.ParquetBatchInputFormat;
import io.lakemr.formats.parquet.ParquetCounters;
import io.lakemr.formats.parquet.ParquetFormat;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/** Parquet input: the schema from the first footer, read by {@link ParquetBatchInputFormat}. */
final class ParquetInputSource extends InputSource {

  private final TableSchema schema;

  ParquetInputSource(Configuration conf, List<String> inputs, InputFiles files) {
    super(inputs, files);
    this.schema = ParquetFormat.readSchema(conf, files);
  }

  @Override
  String formatName() {
    return "parquet";
  }

  @Override
  TableSchema schema() {
    return schema;
  }

  @Override
  void configure(Job job, Schema readSchema) {
    job.setInputFormatClass(ParquetBatchInputFormat.class);
    ParquetBatchInputFormat.setInputPaths(job, inputs());
    ParquetBatchInputFormat.setReadSchema(job, readSchema);
  }

  @Override
  void setPushdown(Job job, List<io.lakemr.data.ColumnPredicate> predicates) {
    ParquetBatchInputFormat.setPushdown(job, predicates);
  }

  @Override
  InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new ParquetBatchInputFormat();
  }

  @Override
  Enum<?> rowsCounter() {
    return ParquetCounters.ROWS;
  }

  @Override
  Enum<?> bytesCounter() {
    return ParquetCounters.BYTES;
  }
}
