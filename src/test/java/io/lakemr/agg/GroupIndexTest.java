package io.lakemr.agg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group numbers from per-column codes agree with the encoded keys: two rows share a group exactly
 * when their keys are equal, and a group's key bytes are the reference encoder's — also when
 * string vectors point into shared, reused buffers (as readers do), across batches and flushes.
 */
class GroupIndexTest {

  private static final List<Column> ALL = List.of(new Column("s", ColumnType.STRING), new Column("l", ColumnType.LONG),
      new Column("d", ColumnType.DOUBLE), new Column("b", ColumnType.BOOLEAN), new Column("t", ColumnType.STRING));

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5})
  void groupsAreExactlyTheDistinctKeys(int keyCount) {
    List<Column> keys = ALL.subList(0, keyCount);
    int[] inputs = new int[keyCount];
    for (int i = 0; i < keyCount; i++) {
      inputs[i] = i;
    }
    GroupKeyCodec codec = new GroupKeyCodec(keys.stream().map(Column::type).toList());
    GroupIndex index = new GroupIndex(keys, inputs);
    SplittableRandom r = new SplittableRandom(keyCount);
    byte[] shared = new byte[64]; // one buffer reused by every batch, as a reader's would be
    for (int round = 0; round < 3; round++) {
      Map<String, Integer> seen = new HashMap<>();
      for (int b = 0; b < 20; b++) {
        VectorizedRowBatch batch = Schemas.newBatch(ALL, 256);
        fill(batch, r, shared);
        int[] rows = new int[batch.size];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = i;
        }
        int[] groups = new int[rows.length];
        index.assign(batch, rows, rows.length, groups);
        ColumnVector[] keyVectors = new ColumnVector[keyCount];
        System.arraycopy(batch.cols, 0, keyVectors, 0, keyCount);
        for (int i = 0; i < rows.length; i++) {
          ByteBuf expected = new ByteBuf();
          codec.encode(keyVectors, i, expected);
          String k = HexFormat.of().formatHex(expected.toByteArray());
          Integer g = seen.putIfAbsent(k, groups[i]);
          assertEquals(g == null ? groups[i] : g, groups[i], "same key, same group");
          ByteBuf got = new ByteBuf();
          index.key(groups[i], got);
          assertArrayEquals(expected.toByteArray(), got.toByteArray());
        }
      }
      assertEquals(seen.size(), index.size(), "one group per distinct key");
      assertEquals(seen.size(), new ArrayList<>(seen.values()).stream().distinct().count());
      index.clear();
    }
  }

  private static void fill(VectorizedRowBatch batch, SplittableRandom r, byte[] shared) {
    int n = batch.getMaxSize();
    BytesColumnVector s = (BytesColumnVector) batch.cols[0];
    LongColumnVector l = (LongColumnVector) batch.cols[1];
    DoubleColumnVector d = (DoubleColumnVector) batch.cols[2];
    LongColumnVector b = (LongColumnVector) batch.cols[3];
    BytesColumnVector t = (BytesColumnVector) batch.cols[4];
    // the shared buffer holds different values at the same places from batch to batch
    byte[] word = ("w" + r.nextInt(5)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(word, 0, shared, 0, word.length);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(10) == 0) {
        s.noNulls = false;
        s.isNull[i] = true;
      } else if (r.nextBoolean()) {
        s.setRef(i, shared, 0, word.length);
      } else {
        s.setVal(i, ("st-" + r.nextInt(6)).getBytes(StandardCharsets.UTF_8));
      }
      if (r.nextInt(10) == 0) {
        l.noNulls = false;
        l.isNull[i] = true;
      } else {
        l.vector[i] = r.nextInt(4) - 2 + (r.nextInt(20) == 0 ? Long.MIN_VALUE : 0);
      }
      double[] doubles = {0.0, -0.0, Double.NaN, 1.5, -1.5};
      if (r.nextInt(10) == 0) {
        d.noNulls = false;
        d.isNull[i] = true;
      } else {
        d.vector[i] = doubles[r.nextInt(doubles.length)];
      }
      b.vector[i] = r.nextInt(2);
      t.setVal(i, new byte[] {(byte) r.nextInt(3), 0});
    }
    batch.size = n;
  }
}
