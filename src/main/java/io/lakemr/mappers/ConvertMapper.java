package io.lakemr.mappers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertCounters;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.MapSideBudget;
import io.lakemr.convert.MapSidePartitions;
import io.lakemr.convert.PerFileNames;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKey;
import io.lakemr.data.RowCodec;
import io.lakemr.data.SortKeyEncoder;
import io.lakemr.expr.BatchTransform;
import io.lakemr.expr.RowCounters;
import io.lakemr.formats.BatchRecordReader;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The map side of {@code convert}: derives and filters each input batch
 * ({@link BatchTransform}), then either writes its selected rows' file columns straight to the
 * task's output files (a map-only job, rolling over to further files at the file limits), or,
 * when the job shuffles ({@link ConvertPlan#shuffles}), emits each row as (partition and sort
 * key, encoded file columns). With {@code --per-file} ({@link PerFileNames}) the map-only
 * job writes each input file's rows into an output file named after it. When the job writes
 * its partitions map-side ({@link LakemrConfig#CONVERT_MAP_SIDE}), the rows are gathered by
 * partition and written into partition directories by the task itself
 * ({@link MapSidePartitions}), within its {@link MapSideBudget}.
 */
public class ConvertMapper extends Mapper<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> {

  private ConvertPlan plan;
  private BatchTransform transform;
  private int[] fileIndexes;
  private Counter rowsRead;
  private Counter rowsPassed;
  private Counter rowsFilteredOut;
  private PartitionedBatchWriter writer;
  private PerFileNames perFile;
  private MapSidePartitions mapSide;
  private Path writerSource;
  private VectorizedRowBatch view;
  private ColumnVector[] fileVectors;
  private SortKeyEncoder keyEncoder;
  private int[] keyIndexes;
  private RowCodec rowCodec;
  private final ByteBuf keyBuf = new ByteBuf(128);
  private final ByteBuf rowBuf = new ByteBuf(256);
  private final GroupKey outKey = new GroupKey();
  private final BytesWritable outValue = new BytesWritable();

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    plan = ConvertPlan.load(context.getConfiguration());
    transform = BatchTransform.load(context.getConfiguration(), plan.rowColumns());
    if (!transform.outputColumns().equals(plan.rowColumns())) {
      throw new IllegalStateException("the transform hands on " + transform.outputColumns()
          + " but the conversion expects " + plan.rowColumns());
    }
    rowsRead = context.getCounter(RowCounters.ROWS_READ);
    rowsPassed = context.getCounter(RowCounters.ROWS_PASSED);
    rowsFilteredOut = context.getCounter(RowCounters.ROWS_FILTERED_OUT);
    fileIndexes = plan.fileIndexes();
    fileVectors = new ColumnVector[fileIndexes.length];
    if (context.getConfiguration().getBoolean(LakemrConfig.CONVERT_MAP_SIDE, false)) {
      MapSideBudget budget = MapSideBudget.of(context.getConfiguration(), Runtime.getRuntime().maxMemory());
      budget.apply(context.getConfiguration());
      writer = BatchOutputFormat.openWriter(context);
      writer.setMaxOpenFiles(budget.maxOpenFiles());
      mapSide = new MapSidePartitions(plan, writer, budget.bufferBytes());
    } else if (plan.shuffles()) {
      keyEncoder = plan.keyEncoder();
      keyIndexes = plan.keyIndexes();
      rowCodec = plan.rowCodec();
    } else {
      view = new VectorizedRowBatch(fileIndexes.length, 0);
      perFile = PerFileNames.load(context.getConfiguration(),
          BatchOutputFormat.getOutputFormat(context.getConfiguration()).extension());
      if (perFile == null) {
        writer = BatchOutputFormat.openWriter(context);
        writer.startPartition(new String[0]);
      }
    }
  }

  @Override
  protected void map(NullWritable key, VectorizedRowBatch batch, Context context)
      throws IOException, InterruptedException {
    int read = batch.size;
    VectorizedRowBatch rows = transform.apply(batch);
    rowsRead.increment(read);
    rowsPassed.increment(rows.size);
    rowsFilteredOut.increment(read - rows.size);
    for (int i = 0; i < fileIndexes.length; i++) {
      fileVectors[i] = rows.cols[fileIndexes[i]];
    }
    if (mapSide != null) {
      mapSide.add(rows, fileVectors);
    } else if (view != null) {
      if (perFile != null) {
        switchFile(context);
      }
      view.cols = fileVectors;
      view.numCols = fileVectors.length;
      view.size = rows.size;
      view.selected = rows.selected;
      view.selectedInUse = rows.selectedInUse;
      writer.write(view);
    } else {
      emit(rows, context);
    }
  }

  /** With {@code --per-file}: writes into the output file of the input file the batch comes from. */
  private void switchFile(Context context) throws IOException, InterruptedException {
    Path file = BatchRecordReader.currentFile(context.getConfiguration());
    if (file == null) {
      throw new IllegalStateException("the record reader named no input file for the batch");
    }
    if (file.equals(writerSource)) {
      return;
    }
    PartitionedBatchWriter w = writer;
    writer = null;
    if (w != null) {
      w.close();
    }
    context.getConfiguration().set(LakemrConfig.OUTPUT_SOURCE_FILE, file.toString());
    writer = BatchOutputFormat.openFileWriter(context, perFile.outputName(file));
    writer.startPartition(new String[0]);
    writerSource = file;
  }

  private void emit(VectorizedRowBatch rows, Context context) throws IOException, InterruptedException {
    int n = rows.size;
    for (int j = 0; j < n; j++) {
      int r = rows.selectedInUse ? rows.selected[j] : j;
      keyBuf.reset();
      keyEncoder.encode(rows.cols, keyIndexes, r, keyBuf);
      rowBuf.reset();
      rowCodec.encode(fileVectors, r, rowBuf);
      outKey.set(keyBuf.array(), 0, keyBuf.length());
      outValue.set(rowBuf.array(), 0, rowBuf.length());
      context.write(outKey, outValue);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    PartitionedBatchWriter w = writer;
    writer = null;
    if (w == null) {
      return;
    }
    try {
      if (mapSide != null) {
        mapSide.finish();
        context.getCounter(ConvertCounters.MAP_SIDE_FLUSHES).increment(mapSide.flushes());
      }
    } finally {
      w.close();
    }
  }

  /** As {@link Mapper#run} (whose cleanup closes the output file, also after a failure), recording a failure. */
  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
