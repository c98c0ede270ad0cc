package io.lakemr.drivers;

import io.lakemr.convert.ConvertPlan;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.RowCodec;
import io.lakemr.data.SortKeyEncoder;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The sampled rows of a conversion, for {@code plan}: the rows of each output partition and
 * the bytes of each row as the mappers shuffle it (sort key and encoded file columns).
 */
final class ConvertSampleRows implements PlanSample.Rows {

  private final GroupKeyCodec partitionCodec;
  private final SortKeyEncoder keyEncoder;
  private final RowCodec rowCodec;
  private final int[] keyIndexes;
  private final int[] fileIndexes;
  private final ColumnVector[] partitionVectors;
  private final ColumnVector[] fileVectors;
  private final ByteBuf buf = new ByteBuf();
  private final KeyCounts partitions = new KeyCounts();
  private long rows;
  private long rowBytes;

  ConvertSampleRows(ConvertPlan plan) {
    this.partitionCodec = plan.partitionCodec();
    this.keyEncoder = plan.keyEncoder();
    this.rowCodec = plan.rowCodec();
    this.keyIndexes = plan.keyIndexes();
    this.fileIndexes = plan.fileIndexes();
    this.partitionVectors = new ColumnVector[plan.partitionColumns().size()];
    this.fileVectors = new ColumnVector[fileIndexes.length];
  }

  @Override
  public void accept(VectorizedRowBatch batch) {
    for (int c = 0; c < partitionVectors.length; c++) {
      partitionVectors[c] = batch.cols[keyIndexes[c]];
    }
    for (int c = 0; c < fileIndexes.length; c++) {
      fileVectors[c] = batch.cols[fileIndexes[c]];
    }
    for (int i = 0; i < batch.size; i++) {
      int row = batch.selectedInUse ? batch.selected[i] : i;
      buf.reset();
      partitionCodec.encode(partitionVectors, row, buf);
      partitions.add(buf);
      buf.reset();
      keyEncoder.encode(batch.cols, keyIndexes, row, buf);
      rowCodec.encode(fileVectors, row, buf);
      rowBytes += buf.length() + AggregateSampleRows.RECORD_OVERHEAD;
      rows++;
    }
  }

  KeyCounts partitions() {
    return partitions;
  }

  /** Bytes of one row's map output record (sort key, file columns, lengths); 0 before any row. */
  double bytesPerRow() {
    return rows == 0 ? 0 : (double) rowBytes / rows;
  }
}
