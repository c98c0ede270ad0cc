package io.lakemr.formats.csv;

import io.lakemr.data.Column;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.badrecords.BadRecordOptions;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.TextSettings;
import io.lakemr.formats.text.TextTables;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/** CSV input: the table from {@code --schema}, {@code --schema-file} or a sample, read by {@link CsvBatchInputFormat}. */
final class CsvInputTable implements InputTable {

  private final CsvOptions options;
  private final TableSchema schema;
  private final List<Column> fileColumns;
  private final BadRecordOptions badRecords;

  CsvInputTable(Configuration conf, InputFiles files, FormatOptions given, CsvOptions options) {
    this.options = options;
    this.badRecords = BadRecordOptions.of(given); // now, not in a task
    this.schema = TextTables.resolve(conf, files, given,
        (paths, rows) -> CsvSchemaInference.infer(conf, paths, options, rows, TextTables.SAMPLE_FILES));
    this.fileColumns = new ArrayList<>(schema.columns().subList(0,
        schema.columns().size() - files.partitionColumns().size()));
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public void configure(Job job, List<String> inputPaths, Schema readSchema) {
    job.setInputFormatClass(CsvBatchInputFormat.class);
    CsvBatchInputFormat.setInputPaths(job, inputPaths);
    CsvBatchInputFormat.setReadSchema(job, readSchema);
    CsvBatchInputFormat.setOptions(job, options);
    TextSettings.setTableColumns(job, fileColumns);
    badRecords.set(job);
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new CsvBatchInputFormat();
  }

  @Override
  public Enum<?> rowsCounter() {
    return RecordCounters.RECORDS_READ;
  }

  @Override
  public Enum<?> bytesCounter() {
    return RecordCounters.BYTES_READ;
  }
}
