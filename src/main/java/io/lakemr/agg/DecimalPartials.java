package io.lakemr.agg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.hadoop.io.WritableUtils;

/** The binary partial form of a decimal (scale, then unscaled two's-complement bytes), and reading decimal columns. */
final class DecimalPartials {

  private DecimalPartials() {
  }

  static void write(DataOutput out, HiveDecimalWritable value) throws IOException {
    BigDecimal d = value.getHiveDecimal().bigDecimalValue();
    byte[] unscaled = d.unscaledValue().toByteArray();
    WritableUtils.writeVInt(out, d.scale());
    WritableUtils.writeVInt(out, unscaled.length);
    out.write(unscaled);
  }

  static HiveDecimal read(DataInput in) throws IOException {
    int scale = WritableUtils.readVInt(in);
    byte[] unscaled = new byte[WritableUtils.readVInt(in)];
    in.readFully(unscaled);
    return HiveDecimal.create(new BigDecimal(new BigInteger(unscaled), scale));
  }

  /** A row's value of a decimal column of the batch, or null where it is null. */
  static HiveDecimalWritable value(VectorizedRowBatch batch, int input, int row) {
    DecimalColumnVector v = (DecimalColumnVector) batch.cols[input];
    int r = v.isRepeating ? 0 : row;
    return v.noNulls || !v.isNull[r] ? v.vector[r] : null;
  }
}
