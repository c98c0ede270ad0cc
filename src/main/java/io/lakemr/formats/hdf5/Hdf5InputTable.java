package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
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
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/**
 * HDF5 input: the table of the first file's dataset (metadata only), read by
 * {@link Hdf5BatchInputFormat}, which checks every other file when it plans splits.
 */
final class Hdf5InputTable implements InputTable {

  private final String dataset;
  private final List<String> columns;
  private final String layout;
  private final TableSchema schema;

  Hdf5InputTable(Configuration conf, InputFiles files, String dataset, List<String> columns,
      String layout) {
    this.dataset = dataset == null || dataset.isBlank() ? null : dataset.trim();
    this.columns = List.copyOf(columns);
    this.layout = layout == null ? "rows" : layout.trim().toLowerCase(Locale.ROOT);
    if (!this.layout.equals("rows") && !this.layout.equals("cells")) {
      throw new BadInputException("--layout " + layout + ": expected rows or cells");
    }
    if (this.dataset != null && !this.dataset.startsWith("/")) {
      throw new BadInputException("--dataset " + dataset + ": a path in the file starts with /");
    }
    this.schema = readSchema(conf, files);
  }

  private TableSchema readSchema(Configuration conf, InputFiles files) {
    List<Column> partitions = new ArrayList<>();
    for (String p : files.partitionColumns()) {
      partitions.add(new Column(p, ColumnType.STRING));
    }
    if (files.isEmpty()) {
      return new TableSchema("no input files", partitions, Map.of());
    }
    Path first = files.files().get(0).path();
    TableSchema table;
    try (HdfFile hdf = Hdf5Files.open(first.getFileSystem(conf), first)) {
      table = Hdf5TableMapping.resolve(hdf, first.toString(),
          new Hdf5ReadOptions(dataset, columns, layout.equals("cells"))).schema();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + first + ": " + e.getMessage(), e);
    }
    for (Column p : partitions) {
      if (table.indexOf(p.name()) >= 0 || table.unreadable().containsKey(p.name())) {
        throw new BadInputException("partition column " + p.name() + " is also a column of "
            + table.source());
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
    job.setInputFormatClass(Hdf5BatchInputFormat.class);
    Hdf5BatchInputFormat.setInputPaths(job, inputPaths);
    Hdf5BatchInputFormat.setReadSchema(job, readSchema);
    Hdf5BatchInputFormat.setDataset(job, dataset);
    Hdf5BatchInputFormat.setColumns(job, columns);
    Hdf5BatchInputFormat.setLayout(job, layout);
  }

  @Override
  public InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return new Hdf5BatchInputFormat();
  }

  @Override
  public Enum<?> rowsCounter() {
    return Hdf5Counters.ROWS;
  }

  @Override
  public Enum<?> bytesCounter() {
    return Hdf5Counters.BYTES;
  }
}
