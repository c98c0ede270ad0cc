package io.lakemr.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.serializer.Deserializer;
import org.apache.hadoop.io.serializer.Serialization;
import org.apache.hadoop.io.serializer.Serializer;

/**
 * A Hadoop serialization for batches, so MRUnit (which copies every input through the
 * configured serializations) can feed batches to a mapper. Batches never cross the wire in a
 * real job: the record reader hands them to the mapper in the same JVM.
 */
public final class BatchSerialization implements Serialization<VectorizedRowBatch> {

  @Override
  public boolean accept(Class<?> c) {
    return VectorizedRowBatch.class.isAssignableFrom(c);
  }

  @Override
  public Serializer<VectorizedRowBatch> getSerializer(Class<VectorizedRowBatch> c) {
    return new Serializer<>() {
      private DataOutputStream out;

      @Override
      public void open(OutputStream o) {
        out = new DataOutputStream(o);
      }

      @Override
      public void serialize(VectorizedRowBatch b) throws IOException {
        out.writeInt(b.numCols);
        out.writeInt(b.size);
        for (ColumnVector v : b.cols) {
          out.writeByte(v instanceof LongColumnVector ? 0 : v instanceof DoubleColumnVector ? 1 : 2);
          for (int k = 0; k < b.size; k++) {
            int r = b.selectedInUse ? b.selected[k] : k;
            int i = v.isRepeating ? 0 : r;
            boolean isNull = !v.noNulls && v.isNull[i];
            out.writeBoolean(isNull);
            if (isNull) {
              continue;
            }
            if (v instanceof LongColumnVector l) {
              out.writeLong(l.vector[i]);
            } else if (v instanceof DoubleColumnVector d) {
              out.writeDouble(d.vector[i]);
            } else {
              BytesColumnVector s = (BytesColumnVector) v;
              out.writeInt(s.length[i]);
              out.write(s.vector[i], s.start[i], s.length[i]);
            }
          }
        }
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  @Override
  public Deserializer<VectorizedRowBatch> getDeserializer(Class<VectorizedRowBatch> c) {
    return new Deserializer<>() {
      private DataInputStream in;

      @Override
      public void open(InputStream i) {
        in = new DataInputStream(i);
      }

      @Override
      public VectorizedRowBatch deserialize(VectorizedRowBatch ignored) throws IOException {
        int cols = in.readInt();
        int size = in.readInt();
        VectorizedRowBatch b = new VectorizedRowBatch(cols, Math.max(1, size));
        for (int c = 0; c < cols; c++) {
          int kind = in.readByte();
          ColumnVector v = kind == 0 ? new LongColumnVector(Math.max(1, size))
              : kind == 1 ? new DoubleColumnVector(Math.max(1, size)) : new BytesColumnVector(Math.max(1, size));
          if (v instanceof BytesColumnVector s) {
            s.initBuffer();
          }
          for (int k = 0; k < size; k++) {
            if (in.readBoolean()) {
              v.noNulls = false;
              v.isNull[k] = true;
              continue;
            }
            if (v instanceof LongColumnVector l) {
              l.vector[k] = in.readLong();
            } else if (v instanceof DoubleColumnVector d) {
              d.vector[k] = in.readDouble();
            } else {
              byte[] bytes = new byte[in.readInt()];
              in.readFully(bytes);
              ((BytesColumnVector) v).setVal(k, bytes);
            }
          }
          b.cols[c] = v;
        }
        b.size = size;
        return b;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
