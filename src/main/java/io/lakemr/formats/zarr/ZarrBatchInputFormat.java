package io.lakemr.formats.zarr;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.SplitRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads an array (or a group of 1-D arrays) of Zarr stores (v2 and v3, directory stores on any
 * Hadoop file system) as batches of rows of the columns a job asks for. Stores are read in
 * place, never copied to local disk.
 *
 * <p>{@link #getSplits} reads each store's metadata (consolidated when present) and lists its
 * chunk files, one listing per directory: every store must hold the same array path with the
 * same columns. Splits are whole chunk rows (shard rows) along dimension 0
 * ({@link ZarrSplitPlanner}), sized by the standard split settings; hosts come from the chunk
 * files' blocks.
 */
public class ZarrBatchInputFormat extends BatchInputFormat {

  /** Sets the array or group to read ({@code --dataset}); null for each store's only array. */
  public static void setDataset(Job job, String dataset) {
    if (dataset == null || dataset.isBlank()) {
      job.getConfiguration().unset(LakemrConfig.ZARR_DATASET);
    } else {
      job.getConfiguration().set(LakemrConfig.ZARR_DATASET, dataset.trim());
    }
  }

  /** Limits the table to some columns ({@code --columns}); empty for all. */
  public static void setColumns(Job job, List<String> columns) {
    for (String c : columns) {
      if (c.isBlank() || c.indexOf(',') >= 0) {
        throw new BadInputException("--columns: column '" + c + "' is empty or holds a comma");
      }
    }
    if (columns.isEmpty()) {
      job.getConfiguration().unset(LakemrConfig.ZARR_COLUMNS);
    } else {
      job.getConfiguration().set(LakemrConfig.ZARR_COLUMNS, String.join(",", columns));
    }
  }

  /** Sets how arrays map to rows: {@code rows} (the default) or {@code cells}. */
  public static void setLayout(Job job, String layout) {
    job.getConfiguration().set(LakemrConfig.ZARR_LAYOUT, ZarrReadOptions.cells(layout) ? "cells" : "rows");
  }

  /** The read schema's columns that come from the store (not partition directories), in order. */
  static List<String> storeColumns(List<Column> read, List<String> partitionColumns) {
    List<String> out = new ArrayList<>();
    for (Column c : read) {
      if (!partitionColumns.contains(c.name())) {
        out.add(c.name());
      }
    }
    return out;
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<String> paths = getInputPaths(conf);
    if (paths.isEmpty()) {
      throw new BadInputException("no input paths (" + LakemrConfig.INPUT_PATHS + ") set");
    }
    obtainTokens(context, paths);
    InputFiles files = InputFiles.list(conf, paths);
    ZarrReadOptions options = ZarrReadOptions.from(conf);
    List<String> needed = storeColumns(Schemas.columns(getReadSchema(conf)), files.partitionColumns());
    List<StorePlan> stores = new ArrayList<>();
    ZarrTableMapping first = null;
    long bytes = 0;
    for (InputFile f : files.files()) {
      FileSystem fs = f.path().getFileSystem(conf);
      ZarrStore store = new ZarrStore(fs, f.path());
      ZarrHierarchy h = ZarrHierarchy.open(store);
      ZarrTableMapping table = ZarrTableMapping.resolve(h, options);
      if (first == null) {
        first = table;
      } else {
        checkSameTable(first, table);
      }
      ZarrTableMapping read = needed.isEmpty() ? table
          : ZarrTableMapping.resolve(h, new ZarrReadOptions(table.dataset(), needed, options.cells()));
      ZarrSplitPlanner.Input in = ZarrChunkListing.plannerInput(store, read);
      stores.add(new StorePlan(f, table.dataset(), in, fs.getDefaultBlockSize(f.path())));
      bytes += in.chunks().stream().mapToLong(ZarrStoredChunk::bytes).sum();
    }
    long min = SplitRules.minSize(context);
    long max = SplitRules.maxSize(context, bytes);
    List<InputSplit> splits = new ArrayList<>();
    for (StorePlan p : stores) {
      for (ZarrRowRange r : ZarrSplitPlanner.plan(p.input(), p.blockSize(), min, max)) {
        splits.add(new ZarrSplit(p.store().path(), p.dataset(), r.firstRow(), r.lastRow(), r.bytes(),
            files.partitionColumns(), p.store().partitionValues(), r.hosts()));
      }
    }
    return splits;
  }

  /** One store's table, listed and ready to cut into splits. */
  private record StorePlan(InputFile store, String dataset, ZarrSplitPlanner.Input input, long blockSize) {
  }

  /** Every store must give the same table: same array path, same columns. */
  static void checkSameTable(ZarrTableMapping first, ZarrTableMapping table) {
    if (!first.dataset().equals(table.dataset())) {
      throw new BadInputException(table.store() + ": reads " + table.dataset() + " but " + first.store()
          + " reads " + first.dataset() + "; every store must hold the same array (choose it with --dataset)");
    }
    if (!first.schema().columns().equals(table.schema().columns())) {
      throw new BadInputException(table.store() + ": " + table.dataset() + " has columns ("
          + table.schema().describeColumns() + ") but " + first.store() + " has ("
          + first.schema().describeColumns() + "); every store must hold the same columns");
    }
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new ZarrBatchRecordReader();
  }
}
