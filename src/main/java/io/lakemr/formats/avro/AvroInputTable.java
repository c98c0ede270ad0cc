package io.lakemr.formats.avro;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.NestedColumns;
import io.lakemr.formats.text.TextTables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/**
 * Avro input: the table of the first file's schema (its header only), or of the reader schema
 * from {@code --schema-file}; read by {@link AvroBatchInputFormat}.
 */
final class AvroInputTable implements InputTable {

  private final Schema readerSchema;
  private final TableSchema schema;

  AvroInputTable(Configuration conf, InputFiles files, String schemaFile) {
    this.readerSchema = schemaFile == null ? null : TextTables.readAvsc(conf, schemaFile);
    TableSchema table;
    if (readerSchema != null) {
      table = NestedColumns.flatten(schemaFile, readerSchema);
    } else if (files.isEmpty()) {
      table = new TableSchema("no input files", List.of(), Map.of());
    } else {
      Path first = files.files().get(0).path();
      try (DataFileReader<IndexedRecord> r = new DataFileReader<>(new AvroFsInput(first, conf),
          new GenericDatumReader<>())) {
        table = NestedColumns.flatten(first.toString(), r.getSchema());
      } catch (IOException | RuntimeException e) {
        throw new BadInputException(first + " is not a readable Avro file: " + e.getMessage(), e);
      }
    }
    List<Column> partitions = new ArrayList<>();
    for (String p : files.partitionColumns()) {
      if (table.indexOf(p) >= 0) {
        throw new BadInputException("partition column " + p + " is also a column of " + table.source());
      }
      partitions.add(new Column(p, ColumnType.STRING));
    }
    this.schema = table.withColumns(partitions);
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public void configure(Job job, List<String> inputPaths, Schema readSchema) {
    job.setInputFormatClass(AvroBatchInputFormat.class);
    AvroBatchInputFormat.setInputPaths(job, inputPaths);
    AvroBatchInputFormat.setReadSchema(job, readSchema);
    AvroBatchInputFormat.setReaderSchema(job, readerSchema);
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new AvroBatchInputFormat();
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
