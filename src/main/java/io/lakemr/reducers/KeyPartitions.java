package io.lakemr.reducers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.PartitionedBatchWriter;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * Follows the output partition of sorted group keys: partition columns lead the key, so the
 * keys of one partition arrive together and a change of the key's prefix starts the next one.
 */
final class KeyPartitions {

  private final AggregatePlan plan;
  private final GroupKeyCodec codec;
  private final ColumnVector[] scratch;
  private byte[] current;

  KeyPartitions(AggregatePlan plan) {
    this.plan = plan;
    this.codec = plan.keyCodec();
    List<Column> keys = plan.keyColumns();
    scratch = new ColumnVector[keys.size()];
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = Schemas.newVector(keys.get(i), 1);
    }
  }

  /**
   * The raw partition values of a key when its partition is not the previous key's (one value
   * per partition column, empty without partition columns), or null when it is the same.
   */
  String[] changed(byte[] key) {
    int p = plan.partitionCount();
    int prefix = p == 0 ? 0 : codec.prefixLength(key, 0, p);
    if (current != null && current.length == prefix && Arrays.equals(current, 0, prefix, key, 0, prefix)) {
      return null;
    }
    current = Arrays.copyOf(key, prefix);
    String[] values = new String[p];
    if (p > 0) {
      for (ColumnVector v : scratch) {
        v.reset();
      }
      codec.decode(key, 0, scratch, 0);
      for (int i = 0; i < p; i++) {
        values[i] = PartitionedBatchWriter.render(plan.keyColumns().get(i).type(), scratch[i], 0);
      }
    }
    return values;
  }
}
