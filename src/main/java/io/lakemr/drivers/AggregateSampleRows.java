package io.lakemr.drivers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialAggregator;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKeyCodec;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The sampled rows of an aggregation, for {@code plan}: the rows of each group and output
 * partition, folded into the mappers' own partial table to learn its bytes per group, and the
 * size of the partials it hands to the shuffle.
 */
final class AggregateSampleRows implements PlanSample.Rows {

  /** Bytes a map output record adds to its key and value: the key's length and the value's. */
  static final int RECORD_OVERHEAD = 6;

  private final GroupKeyCodec keyCodec;
  private final GroupKeyCodec tableCodec;
  private final int[] tableInputs;
  private final ColumnVector[] tableVectors;
  private final GroupKeyCodec partitionCodec;
  private final int[] keyInputs;
  private final ColumnVector[] keyVectors;
  private final ColumnVector[] partitionVectors;
  private final PartialAggregator table;
  private final ByteBuf key = new ByteBuf();
  private final KeyCounts groups = new KeyCounts();
  private final KeyCounts tableGroups;
  private final KeyCounts partitions = new KeyCounts();
  private long tableBytes = -1;
  private long partialBytes;

  /**
   * @param plan the aggregation
   * @param mapPlan what its map tasks aggregate: the plan itself, or with count_distinct its
   *     first stage, grouped by the plan's key and the distinct column
   */
  AggregateSampleRows(AggregatePlan plan, AggregatePlan mapPlan) {
    this.keyCodec = plan.keyCodec();
    this.tableCodec = mapPlan.keyCodec();
    this.tableInputs = mapPlan.keyInputs();
    this.tableVectors = new ColumnVector[tableInputs.length];
    this.tableGroups = mapPlan == plan ? groups : new KeyCounts();
    List<Column> partitionColumns = plan.partitionColumns();
    this.partitionCodec = new GroupKeyCodec(partitionColumns.stream().map(Column::type).toList());
    this.keyInputs = plan.keyInputs();
    this.keyVectors = new ColumnVector[keyInputs.length];
    this.partitionVectors = new ColumnVector[partitionColumns.size()];
    // never flushes: the sample is bounded
    this.table = new PartialAggregator(mapPlan, Long.MAX_VALUE);
  }

  @Override
  public void accept(VectorizedRowBatch batch) throws IOException, InterruptedException {
    for (int c = 0; c < keyInputs.length; c++) {
      keyVectors[c] = batch.cols[keyInputs[c]];
    }
    for (int c = 0; c < tableInputs.length; c++) {
      tableVectors[c] = batch.cols[tableInputs[c]];
    }
    System.arraycopy(keyVectors, 0, partitionVectors, 0, partitionVectors.length);
    for (int i = 0; i < batch.size; i++) {
      int row = batch.selectedInUse ? batch.selected[i] : i;
      key.reset();
      keyCodec.encode(keyVectors, row, key);
      groups.add(key);
      if (tableGroups != groups) {
        key.reset();
        tableCodec.encode(tableVectors, row, key);
        tableGroups.add(key);
      }
      key.reset();
      partitionCodec.encode(partitionVectors, row, key);
      partitions.add(key);
    }
    table.add(batch, (k, ko, kl, p, pl) -> { });
  }

  /** Ends the sample: measures the table, then empties it to measure its partials. */
  void finish() throws IOException, InterruptedException {
    tableBytes = table.memoryBytes();
    table.flush((k, ko, kl, p, pl) -> partialBytes += kl + pl + RECORD_OVERHEAD);
  }

  KeyCounts groups() {
    return groups;
  }

  /** The groups of the map tasks' tables: the output's, or with count_distinct (group, value) pairs. */
  KeyCounts tableGroups() {
    return tableGroups;
  }

  KeyCounts partitions() {
    return partitions;
  }

  /** Bytes the mappers' partial table held per group of the sample. */
  double tableBytesPerGroup() {
    return tableGroups.distinct() == 0 ? 0 : (double) tableBytes / tableGroups.distinct();
  }

  /** Bytes of one group's map output record (key, partial state, lengths). */
  double partialBytesPerGroup() {
    return tableGroups.distinct() == 0 ? 0 : (double) partialBytes / tableGroups.distinct();
  }
}
