package io.lakemr.formats.json;

import io.lakemr.data.TableSchema;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.badrecords.BadRecordOptions;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.TextOptionValues;
import io.lakemr.formats.text.TextSettings;
import io.lakemr.formats.text.TextTables;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/** JSON Lines input: the table from {@code --schema}, {@code --schema-file} or a sample, read by {@link JsonLinesBatchInputFormat}. */
final class JsonLinesInputTable implements InputTable {

  private final TableSchema schema;
  private final JsonOptions options;
  private final BadRecordOptions badRecords;

  JsonLinesInputTable(Configuration conf, InputFiles files, FormatOptions given) {
    this.options = new JsonOptions(given.get("timestamp-format"), TextOptionValues.maxLineBytes(given));
    this.badRecords = BadRecordOptions.of(given); // now, not in a task
    this.schema = TextTables.resolve(conf, files, given,
        (paths, rows) -> JsonSchemaInference.infer(conf, paths, options, rows, TextTables.SAMPLE_FILES));
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public void configure(Job job, List<String> inputPaths, Schema readSchema) {
    job.setInputFormatClass(JsonLinesBatchInputFormat.class);
    JsonLinesBatchInputFormat.setInputPaths(job, inputPaths);
    JsonLinesBatchInputFormat.setReadSchema(job, readSchema);
    TextSettings.setMaxLineBytes(job, options.maxLineBytes());
    TextSettings.setTimestampFormat(job, options.timestampFormat());
    badRecords.set(job);
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new JsonLinesBatchInputFormat();
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
