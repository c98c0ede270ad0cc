package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
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
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads a dataset (or a group of 1-D datasets) of HDF5 files on any Hadoop file system as
 * batches of rows of the columns a job asks for. Files are read in place through jhdf, never
 * copied to local disk.
 *
 * <p>{@link #getSplits} opens each file and reads only metadata (object headers and chunk
 * indexes): every file must hold the same dataset path with the same columns. Chunked data is
 * cut on chunk boundaries along dimension 0 ({@link Hdf5SplitPlanner}), sized by
 * {@code mapreduce.input.fileinputformat.split.minsize} and {@code .maxsize} and the file's
 * block size; hosts come from the blocks holding the split's chunks.
 */
public class Hdf5BatchInputFormat extends BatchInputFormat {

  /** Sets the dataset or group to read ({@code --dataset}); null for each file's only dataset. */
  public static void setDataset(Job job, String dataset) {
    if (dataset == null || dataset.isBlank()) {
      job.getConfiguration().unset(LakemrConfig.HDF5_DATASET);
      return;
    }
    if (!dataset.trim().startsWith("/")) {
      throw new BadInputException("--dataset " + dataset + ": a path in the file starts with /");
    }
    job.getConfiguration().set(LakemrConfig.HDF5_DATASET, dataset.trim());
  }

  /** Limits the table to some columns ({@code --columns}); empty for all. */
  public static void setColumns(Job job, List<String> columns) {
    for (String c : columns) {
      if (c.isBlank() || c.indexOf(',') >= 0) {
        throw new BadInputException("--columns: column '" + c + "' is empty or holds a comma");
      }
    }
    if (columns.isEmpty()) {
      job.getConfiguration().unset(LakemrConfig.HDF5_COLUMNS);
    } else {
      job.getConfiguration().set(LakemrConfig.HDF5_COLUMNS, String.join(",", columns));
    }
  }

  /** Sets how arrays map to rows: {@code rows} (the default) or {@code cells}. */
  public static void setLayout(Job job, String layout) {
    String l = layout == null ? LakemrConfig.HDF5_LAYOUT_DEFAULT : layout.trim().toLowerCase(Locale.ROOT);
    if (!l.equals("rows") && !l.equals("cells")) {
      throw new BadInputException("--layout " + layout + ": expected rows or cells");
    }
    job.getConfiguration().set(LakemrConfig.HDF5_LAYOUT, l);
  }

  /** The read schema's columns that come from the HDF5 table (not partition directories), in order. */
  static List<String> fileColumns(List<Column> read, List<String> partitionColumns) {
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
    Hdf5ReadOptions options = Hdf5ReadOptions.from(conf);
    List<String> needed = fileColumns(Schemas.columns(getReadSchema(conf)), files.partitionColumns());
    long min = SplitRules.minSize(context);
    long max = SplitRules.maxSize(context, files.totalBytes());
    List<InputSplit> splits = new ArrayList<>();
    String firstFile = null;
    Hdf5TableMapping first = null;
    for (InputFile f : files.files()) {
      FileSystem fs = f.path().getFileSystem(conf);
      String name = f.path().toString();
      try (HdfFile hdf = Hdf5Files.open(fs, f.path())) {
        Hdf5TableMapping table = Hdf5TableMapping.resolve(hdf, name, options);
        if (first == null) {
          first = table;
          firstFile = name;
        } else {
          checkSameTable(firstFile, first, name, table);
        }
        Hdf5TableMapping read = needed.isEmpty() ? table : Hdf5TableMapping.resolve(hdf, name,
            new Hdf5ReadOptions(table.dataset(), needed, options.cells()));
        BlockLocation[] blocks = f.blockLocations();
        if (blocks.length == 0) {
          blocks = fs.getFileBlockLocations(f.status(), 0, f.length());
        }
        for (Hdf5RowRange r : Hdf5SplitPlanner.plan(Hdf5SplitPlanner.Input.of(read), blocks,
            f.status().getBlockSize(), min, max)) {
          splits.add(new Hdf5Split(f.path(), table.dataset(), r.firstRow(), r.lastRow(), r.bytes(),
              files.partitionColumns(), f.partitionValues(), r.hosts()));
        }
      }
    }
    return splits;
  }

  /** Every file must give the same table: same dataset path, same columns. */
  static void checkSameTable(String firstFile, Hdf5TableMapping first, String file, Hdf5TableMapping table) {
    if (!first.dataset().equals(table.dataset())) {
      throw new BadInputException(file + ": reads dataset " + table.dataset() + " but " + firstFile
          + " reads " + first.dataset() + "; every file must hold the same dataset (choose it with --dataset)");
    }
    if (!first.schema().columns().equals(table.schema().columns())) {
      throw new BadInputException(file + ": dataset " + table.dataset() + " has columns ("
          + describe(table.schema().columns()) + ") but " + firstFile + " has ("
          + describe(first.schema().columns()) + "); every file must hold the same columns");
    }
  }

  private static String describe(List<Column> columns) {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      out.add(c.toString());
    }
    return String.join(", ", out);
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new Hdf5BatchRecordReader();
  }
}
