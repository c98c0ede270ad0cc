package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * The string functions, over UTF-8 bytes, counting in characters (code points):
 * {@code lower}, {@code upper} (ASCII in place, other text through Java's root-locale rules),
 * {@code trim} (leading and trailing spaces and control characters, as Java's
 * {@code String.trim}), {@code length}, {@code substr(s, start[, len])} (1-based; a negative
 * start counts from the end; 0 is taken as 1, as in Spark) and {@code concat} (null when any
 * argument is null). Trim and substr refer into the input's bytes instead of copying them.
 */
final class StringExpr extends RowwiseExpr {

  /** The functions. */
  enum Fn { LOWER, UPPER, TRIM, LENGTH, SUBSTR, CONCAT }

  private final Fn fn;
  private final int argCount;

  StringExpr(Fn fn, ColumnType type, VectorExpr... args) {
    super(type, args);
    this.fn = fn;
    this.argCount = args.length;
  }

  @Override
  boolean compute(ColumnVector[] in, int i, ColumnVector out) {
    if (fn == Fn.CONCAT) {
      return concat(in, i, (BytesColumnVector) out);
    }
    BytesColumnVector s = (BytesColumnVector) in[0];
    int k = at(s, i);
    byte[] b = s.vector[k];
    int from = s.start[k];
    int len = s.length[k];
    switch (fn) {
      case LENGTH:
        setLong(out, i, characters(b, from, from + len));
        return true;
      case TRIM: {
        int start = from;
        int end = from + len;
        while (start < end && (b[start] & 0xFF) <= ' ') {
          start++;
        }
        while (end > start && (b[end - 1] & 0xFF) <= ' ') {
          end--;
        }
        ((BytesColumnVector) out).setRef(i, b, start, end - start);
        return true;
      }
      case SUBSTR:
        substr(b, from, len, longAt(in[1], i), argCount > 2 ? longAt(in[2], i) : Long.MAX_VALUE,
            (BytesColumnVector) out, i);
        return true;
      default:
        changeCase(b, from, len, fn == Fn.UPPER, (BytesColumnVector) out, i);
        return true;
    }
  }

  static int characters(byte[] b, int from, int to) {
    int n = 0;
    for (int p = from; p < to; p++) {
      if ((b[p] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /** Byte offset of the character at index chars (0-based) from {@code from}, or {@code to}. */
  private static int offsetOf(byte[] b, int from, int to, long chars) {
    int p = from;
    long seen = -1;
    for (; p < to; p++) {
      if ((b[p] & 0xC0) != 0x80 && ++seen == chars) {
        return p;
      }
    }
    return to;
  }

  private static void substr(byte[] b, int from, int len, long pos, long count, BytesColumnVector out, int i) {
    int to = from + len;
    long chars = characters(b, from, to);
    long start = pos > 0 ? pos - 1 : pos < 0 ? chars + pos : 0;
    long end = count == Long.MAX_VALUE ? Long.MAX_VALUE : (count < 0 ? start : start + count);
    start = Math.max(start, 0);
    end = Math.min(end, chars);
    if (start >= end) {
      out.setRef(i, b, from, 0);
      return;
    }
    int s = offsetOf(b, from, to, start);
    int e = offsetOf(b, from, to, end);
    out.setRef(i, b, s, e - s);
  }

  private static void changeCase(byte[] b, int from, int len, boolean upper, BytesColumnVector out, int i) {
    boolean ascii = true;
    for (int p = from; p < from + len; p++) {
      if (b[p] < 0) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      String s = new String(b, from, len, StandardCharsets.UTF_8);
      byte[] r = (upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
      out.setVal(i, r, 0, r.length);
      return;
    }
    out.ensureValPreallocated(len);
    byte[] dst = out.getValPreallocatedBytes();
    int at = out.getValPreallocatedStart();
    for (int p = 0; p < len; p++) {
      byte c = b[from + p];
      if (upper && c >= 'a' && c <= 'z') {
        c -= 32;
      } else if (!upper && c >= 'A' && c <= 'Z') {
        c += 32;
      }
      dst[at + p] = c;
    }
    out.setValPreallocated(i, len);
  }

  private boolean concat(ColumnVector[] in, int i, BytesColumnVector out) {
    int total = 0;
    for (int a = 0; a < argCount; a++) {
      BytesColumnVector v = (BytesColumnVector) in[a];
      total += v.length[at(v, i)];
    }
    out.ensureValPreallocated(total);
    byte[] dst = out.getValPreallocatedBytes();
    int p = out.getValPreallocatedStart();
    for (int a = 0; a < argCount; a++) {
      BytesColumnVector v = (BytesColumnVector) in[a];
      int k = at(v, i);
      System.arraycopy(v.vector[k], v.start[k], dst, p, v.length[k]);
      p += v.length[k];
    }
    out.setValPreallocated(i, total);
    return true;
  }
}
