package io.lakemr.formats.zarr;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/**
 * Zarr input: the table of the first store's array or group (metadata only), read by
 * {@link ZarrBatchInputFormat}, which checks every other store when it plans splits.
 */
final class ZarrInputTable implements InputTable {

  private final String dataset;
  private final List<String> columns;
  private final boolean cells;
  private final TableSchema schema;

  ZarrInputTable(Configuration conf, InputFiles files, String dataset, List<String> columns, String layout) {
    this.dataset = dataset == null || dataset.isBlank() ? null : dataset.trim();
    this.columns = List.copyOf(columns);
    this.cells = ZarrReadOptions.cells(layout);
    this.schema = readSchema(conf, files);
  }

  private TableSchema readSchema(Configuration conf, InputFiles files) {
    List<Column> partitions = new ArrayList<>();
    for (String p : files.partitionColumns()) {
      partitions.add(new Column(p, ColumnType.STRING));
    }
    if (files.isEmpty()) {
      return new TableSchema("no input stores", partitions, Map.of());
    }
    Path first = files.files().get(0).path();
    TableSchema table;
    try {
      ZarrStore store = new ZarrStore(first.getFileSystem(conf), first);
      table = ZarrTableMapping.resolve(ZarrHierarchy.open(store), new ZarrReadOptions(dataset, columns, cells))
          .schema();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + first + ": " + e.getMessage(), e);
    }
    for (Column p : partitions) {
      if (table.indexOf(p.name()) >= 0 || table.unreadable().containsKey(p.name())) {
        throw new BadInputException("partition column " + p.name() + " is also a column of " + table.source());
      }
    }
    return table.withColumns(partitions);
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public void configure(Job job, List<String> inputPaths, Schema readSchema) {
    job.setInputFormatClass(ZarrBatchInputFormat.class);
    ZarrBatchInputFormat.setInputPaths(job, inputPaths);
    ZarrBatchInputFormat.setReadSchema(job, readSchema);
    ZarrBatchInputFormat.setDataset(job, dataset);
    ZarrBatchInputFormat.setColumns(job, columns);
    ZarrBatchInputFormat.setLayout(job, cells ? "cells" : "rows");
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new ZarrBatchInputFormat();
  }

  @Override
  public Enum<?> rowsCounter() {
    return ZarrCounters.ROWS;
  }

  @Override
  public Enum<?> bytesCounter() {
    return ZarrCounters.BYTES;
  }
}
