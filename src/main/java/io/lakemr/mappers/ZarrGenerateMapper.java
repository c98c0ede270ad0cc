package io.lakemr.mappers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Schemas;
import io.lakemr.formats.sample.SensorTable;
import io.lakemr.formats.zarr.ZarrArrayWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
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
 * Writes its split's rows of the sample sensor table as one Zarr v2 directory store
 * ({@code part-m-00000.zarr}): a root group of 1-D arrays, one per column ({@code <i8},
 * {@code <f8}, {@code |S7} station, {@code |S4} status), chunks of
 * {@value LakemrConfig#GENERATE_ZARR_CHUNK_ROWS_DEFAULT} rows by default, zlib or uncompressed,
 * with {@code .zgroup}, each {@code .zarray} and the consolidated {@code .zmetadata}. Chunks
 * are written as they fill, straight into the task's work output path, where the output
 * committer publishes the store; a task holds one chunk per column in memory.
 */
public class ZarrGenerateMapper extends Mapper<LongWritable, LongWritable, NullWritable, NullWritable> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SensorTable table;
  private VectorizedRowBatch batch;
  private FileSystem fs;
  private Path store;
  private ZarrArrayWriter ts;
  private ZarrArrayWriter station;
  private ZarrArrayWriter status;
  private ZarrArrayWriter value;
  private ZarrArrayWriter sensorId;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    Configuration conf = context.getConfiguration();
    table = new SensorTable(conf.getLong(LakemrConfig.GENERATE_SEED, LakemrConfig.GENERATE_SEED_DEFAULT),
        conf.getLong(LakemrConfig.GENERATE_ROWS, 0));
    batch = Schemas.newBatch(SensorTable.COLUMNS, conf.getInt(LakemrConfig.BATCH_ROWS, LakemrConfig.BATCH_ROWS_DEFAULT));
    store = new Path(FileOutputFormat.getWorkOutputPath(context),
        FileOutputFormat.getUniqueFile(context, "part", ".zarr"));
    fs = store.getFileSystem(conf);
    int chunkRows = conf.getInt(LakemrConfig.GENERATE_ZARR_CHUNK_ROWS, LakemrConfig.GENERATE_ZARR_CHUNK_ROWS_DEFAULT);
    int level = conf.get(LakemrConfig.GENERATE_ZARR_COMPRESSOR, LakemrConfig.GENERATE_ZARR_COMPRESSOR_DEFAULT)
        .equals("none") ? -1 : 1;
    ts = new ZarrArrayWriter(fs, store, "ts", "<i8", 8, chunkRows, level);
    station = new ZarrArrayWriter(fs, store, "station", "|S7", 7, chunkRows, level);
    status = new ZarrArrayWriter(fs, store, "status", "|S4", 4, chunkRows, level);
    value = new ZarrArrayWriter(fs, store, "value", "<f8", 8, chunkRows, level);
    sensorId = new ZarrArrayWriter(fs, store, "sensor_id", "<i8", 8, chunkRows, level);
  }

  @Override
  protected void map(LongWritable firstRow, LongWritable rows, Context context) throws IOException {
    long row = firstRow.get();
    long end = row + rows.get();
    while (row < end) {
      int n = (int) Math.min(batch.getMaxSize(), end - row);
      table.fill(batch, row, n);
      long[] t = ((LongColumnVector) batch.cols[SensorTable.TS]).vector;
      double[] v = ((DoubleColumnVector) batch.cols[SensorTable.VALUE]).vector;
      long[] id = ((LongColumnVector) batch.cols[SensorTable.SENSOR_ID]).vector;
      BytesColumnVector st = (BytesColumnVector) batch.cols[SensorTable.STATION];
      BytesColumnVector su = (BytesColumnVector) batch.cols[SensorTable.STATUS];
      for (int i = 0; i < n; i++) {
        ts.putLong(t[i]);
        station.putBytes(st.vector[i], st.start[i], st.length[i]);
        status.putBytes(su.vector[i], su.start[i], su.length[i]);
        value.putDouble(v[i]);
        sensorId.putLong(id[i]);
      }
      row += n;
    }
    context.getCounter(GenerateMapper.Counters.ROWS_GENERATED).increment(rows.get());
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    ObjectNode consolidated = JSON.createObjectNode();
    ObjectNode metadata = consolidated.putObject("metadata");
    ObjectNode group = JSON.createObjectNode().put("zarr_format", 2);
    metadata.set(".zgroup", group);
    write(".zgroup", group);
    for (ZarrArrayWriter w : List.of(ts, station, status, value, sensorId)) {
      ObjectNode zarray = w.finish();
      metadata.set(w.name() + "/.zarray", zarray);
      write(w.name() + "/.zarray", zarray);
    }
    consolidated.put("zarr_consolidated_format", 1);
    write(".zmetadata", consolidated);
  }

  private void write(String key, ObjectNode doc) throws IOException {
    try (OutputStream out = fs.create(new Path(store, key), false)) {
      out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    }
  }
}
