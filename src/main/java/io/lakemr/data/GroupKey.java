package io.lakemr.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.io.BinaryComparable;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * The shuffle key: a group key encoded by {@link GroupKeyCodec}. Keys sort as unsigned bytes
 * through a raw comparator, so the sort never deserialises a key.
 */
public final class GroupKey extends BinaryComparable implements WritableComparable<BinaryComparable> {

  private byte[] bytes = new byte[0];
  private int length;

  static {
    WritableComparator.define(GroupKey.class, new Comparator());
  }

  public GroupKey() {
  }

  public GroupKey(byte[] bytes) {
    set(bytes, 0, bytes.length);
  }

  public void set(byte[] src, int off, int len) {
    if (bytes.length < len) {
      bytes = new byte[Math.max(len, bytes.length * 2)];
    }
    System.arraycopy(src, off, bytes, 0, len);
    length = len;
  }

  @Override
  public int getLength() {
    return length;
  }

  @Override
  public byte[] getBytes() {
    return bytes;
  }

  public byte[] copyBytes() {
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, length);
    out.write(bytes, 0, length);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int len = WritableUtils.readVInt(in);
    if (bytes.length < len) {
      bytes = new byte[len];
    }
    in.readFully(bytes, 0, len);
    length = len;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GroupKey && super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  /** Compares serialised keys as unsigned bytes, past their length prefix. */
  public static final class Comparator extends WritableComparator {

    public Comparator() {
      super(GroupKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      int n1 = WritableUtils.decodeVIntSize(b1[s1]);
      int n2 = WritableUtils.decodeVIntSize(b2[s2]);
      return compareBytes(b1, s1 + n1, l1 - n1, b2, s2 + n2, l2 - n2);
    }
  }
}
