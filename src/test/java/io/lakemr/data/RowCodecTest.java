package io.lakemr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.junit.jupiter.api.Test;

/** Rows survive the trip between jobs exactly: -0.0, NaN, extreme longs, NUL bytes, nulls; skipped columns. */
class RowCodecTest {

  @Test
  void rowsRoundTripExactly() {
    List<ColumnType> types = List.of(ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.BOOLEAN);
    RowCodec codec = new RowCodec(types);
    LongColumnVector l = new LongColumnVector(4);
    DoubleColumnVector d = new DoubleColumnVector(4);
    BytesColumnVector s = new BytesColumnVector(4);
    s.initBuffer();
    LongColumnVector b = new LongColumnVector(4);
    long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
    double[] doubles = {-0.0, Double.NaN, 1e300, -5e-324};
    String[] strings = {"", "a\u0000b", "é\uD83D\uDE00", null};
    ColumnVector[] in = {l, d, s, b};
    s.noNulls = false;
    for (int i = 0; i < 4; i++) {
      l.vector[i] = longs[i];
      d.vector[i] = doubles[i];
      if (strings[i] == null) {
        s.isNull[i] = true;
      } else {
        byte[] bytes = strings[i].getBytes(StandardCharsets.UTF_8);
        s.setVal(i, bytes, 0, bytes.length);
      }
      b.vector[i] = i % 2;
    }
    ByteBuf buf = new ByteBuf();
    for (int i = 0; i < 4; i++) {
      codec.encode(in, i, buf);
    }
    ColumnVector[] out = {new LongColumnVector(4), new DoubleColumnVector(4), Schemas.newVector(ColumnType.STRING, 4),
        null};
    int p = 0;
    for (int i = 0; i < 4; i++) {
      p = codec.decode(buf.array(), p, out, i);
    }
    assertEquals(buf.length(), p);
    for (int i = 0; i < 4; i++) {
      assertEquals(longs[i], ((LongColumnVector) out[0]).vector[i]);
      assertEquals(Double.doubleToRawLongBits(doubles[i]),
          Double.doubleToRawLongBits(((DoubleColumnVector) out[1]).vector[i]));
      BytesColumnVector os = (BytesColumnVector) out[2];
      if (strings[i] == null) {
        assertTrue(os.isNull[i] && !os.noNulls);
      } else {
        assertEquals(strings[i], new String(os.vector[i], os.start[i], os.length[i], StandardCharsets.UTF_8));
      }
    }
  }
}
