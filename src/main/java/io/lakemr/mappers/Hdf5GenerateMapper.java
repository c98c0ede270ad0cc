package io.lakemr.mappers;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Schemas;
import io.lakemr.formats.sample.SensorSplit;
import io.lakemr.formats.sample.SensorTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Writes its split's rows of the sample sensor table as one HDF5 file: a group
 * {@value #GROUP} of 1-D datasets, one per column, chunked and deflated (jhdf cannot write
 * compound datasets). jhdf writes whole arrays to a local file, so the split's rows are
 * gathered in column arrays, written to a task-local temporary file, and copied into the
 * task's work output path, where the output committer publishes it.
 */
public class Hdf5GenerateMapper extends Mapper<LongWritable, LongWritable, NullWritable, NullWritable> {

  /** The group holding the columns: read it back with {@code --dataset /sensors}. */
  public static final String GROUP = "sensors";

  /** Rows per chunk (fewer when the file has fewer rows). */
  static final int CHUNK_ROWS = 65_536;

  private SensorTable table;
  private VectorizedRowBatch batch;
  private long first;
  private int filled;
  private long[] ts;
  private String[] station;
  private String[] status;
  private double[] value;
  private long[] sensorId;
  private final Map<Long, String> strings = new HashMap<>();

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    table = new SensorTable(conf.getLong(LakemrConfig.GENERATE_SEED, LakemrConfig.GENERATE_SEED_DEFAULT),
        conf.getLong(LakemrConfig.GENERATE_ROWS, 0));
    batch = Schemas.newBatch(SensorTable.COLUMNS, conf.getInt(LakemrConfig.BATCH_ROWS, LakemrConfig.BATCH_ROWS_DEFAULT));
    SensorSplit split = (SensorSplit) context.getInputSplit();
    first = split.firstRow();
    int rows = Math.toIntExact(split.rows());
    ts = new long[rows];
    station = new String[rows];
    status = new String[rows];
    value = new double[rows];
    sensorId = new long[rows];
  }

  @Override
  protected void map(LongWritable firstRow, LongWritable rows, Context context) {
    long row = firstRow.get();
    long end = row + rows.get();
    while (row < end) {
      int n = (int) Math.min(batch.getMaxSize(), end - row);
      table.fill(batch, row, n);
      int at = (int) (row - first);
      System.arraycopy(((LongColumnVector) batch.cols[SensorTable.TS]).vector, 0, ts, at, n);
      System.arraycopy(((DoubleColumnVector) batch.cols[SensorTable.VALUE]).vector, 0, value, at, n);
      System.arraycopy(((LongColumnVector) batch.cols[SensorTable.SENSOR_ID]).vector, 0, sensorId, at, n);
      strings((BytesColumnVector) batch.cols[SensorTable.STATION], station, at, n, 0);
      strings((BytesColumnVector) batch.cols[SensorTable.STATUS], status, at, n, 1);
      row += n;
      filled += n;
    }
    context.getCounter(GenerateMapper.Counters.ROWS_GENERATED).increment(rows.get());
  }

  /** Copies strings out of a vector, one String object per distinct value, not per row. */
  private void strings(BytesColumnVector v, String[] out, int at, int n, int column) {
    for (int i = 0; i < n; i++) {
      long key = ((long) column << 62) | ((long) v.start[i] << 16) | v.length[i];
      String s = strings.get(key);
      if (s == null) {
        s = new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8);
        strings.put(key, s);
      }
      out[at + i] = s;
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (filled != ts.length) {
      throw new IOException("generated " + filled + " rows of a split of " + ts.length);
    }
    var local = Files.createTempFile("lakemr-generate-", ".h5"); // a local java.nio.file.Path
    try {
      DatasetCreationOptions options = DatasetCreationOptions.builder()
          .chunkDimensions(Math.max(1, Math.min(CHUNK_ROWS, ts.length))).deflate().build();
      try (WritableHdfFile w = HdfFile.write(local)) {
        WritableGroup g = w.putGroup(GROUP);
        g.putDataset("ts", ts, options);
        g.putDataset("station", station, options);
        g.putDataset("status", status, options);
        g.putDataset("value", value, options);
        g.putDataset("sensor_id", sensorId, options);
      }
      Path target = new Path(FileOutputFormat.getWorkOutputPath(context),
          FileOutputFormat.getUniqueFile(context, "part", ".h5"));
      FileSystem fs = target.getFileSystem(context.getConfiguration());
      try (OutputStream out = fs.create(target, false)) {
        Files.copy(local, out);
      }
    } finally {
      Files.deleteIfExists(local);
    }
  }
}
