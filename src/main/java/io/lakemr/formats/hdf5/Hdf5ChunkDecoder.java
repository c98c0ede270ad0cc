package io.lakemr.formats.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Dataset;
import io.jhdf.filter.BitShuffleFilter;
import io.jhdf.filter.ByteShuffleFilter;
import io.jhdf.filter.DeflatePipelineFilter;
import io.jhdf.filter.Filter;
import io.jhdf.filter.Lz4Filter;
import io.jhdf.filter.LzfFilter;
import io.jhdf.object.message.FilterPipelineMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes a dataset's filter pipeline on one stored chunk: deflate, shuffle, lzf, lz4 and
 * bitshuffle through jhdf's filters, and fletcher32, which jhdf 0.13 does not verify, checked
 * here. Filters the chunk's filter mask says libhdf5 skipped (an optional filter that could
 * not shrink the chunk) are skipped here too; jhdf's own pipeline ignores the mask.
 */
final class Hdf5ChunkDecoder {

  static final int DEFLATE = 1;
  static final int SHUFFLE = 2;
  static final int FLETCHER32 = 3;
  static final int LZF = 32000;
  static final int LZ4 = 32004;
  static final int BITSHUFFLE = 32008;

  /** A chunk whose stored checksum does not match its bytes. */
  static final class ChecksumMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChecksumMismatch(String message) {
      super(message);
    }
  }

  private record Step(int id, String name, Filter filter, int[] data) {
  }

  private final List<Step> steps;

  private Hdf5ChunkDecoder(List<Step> steps) {
    this.steps = steps;
  }

  /**
   * The decoder for a dataset's filter pipeline.
   *
   * @throws IllegalArgumentException naming the first filter lakemr cannot undo
   */
  static Hdf5ChunkDecoder of(Dataset dataset) {
    List<Step> steps = new ArrayList<>();
    ObjectHeader header = ((AbstractNode) dataset).getHeader();
    if (header.hasMessageOfType(FilterPipelineMessage.class)) {
      for (FilterPipelineMessage.FilterInfo f : header.getMessageOfType(FilterPipelineMessage.class).getFilters()) {
        steps.add(new Step(f.getId(), f.getName(), filterFor(f.getId(), f.getName()), f.getData()));
      }
    }
    return new Hdf5ChunkDecoder(List.copyOf(steps));
  }

  private static Filter filterFor(int id, String name) {
    switch (id) {
      case DEFLATE:
        return new DeflatePipelineFilter();
      case SHUFFLE:
        return new ByteShuffleFilter();
      case FLETCHER32:
        return null;
      case LZF:
        return new LzfFilter();
      case LZ4:
        return new Lz4Filter();
      case BITSHUFFLE:
        return new BitShuffleFilter();
      default:
        throw new IllegalArgumentException("filter " + (name == null || name.isEmpty() ? "" : name + " ")
            + "(id " + id + ") is not supported");
    }
  }

  boolean hasFilters() {
    return !steps.isEmpty();
  }

  /** Filter names in pipeline order, for messages and {@code inspect}. */
  List<String> filterNames() {
    List<String> names = new ArrayList<>();
    for (Step s : steps) {
      names.add(s.name() == null || s.name().isEmpty() ? "id " + s.id() : s.name());
    }
    return names;
  }

  /**
   * The decoded bytes of a stored chunk.
   *
   * @param stored the chunk as stored in the file
   * @param mask the chunk's filter mask: bit i set means filter i was not applied
   * @throws ChecksumMismatch if a fletcher32 checksum does not match
   */
  byte[] decode(byte[] stored, BitSet mask) {
    return decode(stored, mask, 0);
  }

  /**
   * The decoded bytes of a stored chunk, with a hint of their size.
   *
   * <p>Deflate and shuffle, the most common pipeline, are undone here rather than by jhdf's
   * filters: inflating straight into an array of the expected size, and unshuffling in one
   * pass, instead of through a stream and a growing buffer copied twice.
   *
   * @param expectedBytes the decoded chunk's size (0 when unknown)
   */
  byte[] decode(byte[] stored, BitSet mask, int expectedBytes) {
    byte[] data = stored;
    for (int i = steps.size() - 1; i >= 0; i--) {
      if (mask != null && mask.get(i)) {
        continue;
      }
      Step s = steps.get(i);
      switch (s.id()) {
        case FLETCHER32:
          data = verifyFletcher32(data);
          break;
        case DEFLATE:
          data = inflate(data, expectedBytes > 0 ? expectedBytes + checksumBytesBefore(i) : 0);
          break;
        case SHUFFLE:
          data = unshuffle(data, s.data() != null && s.data().length > 0 ? s.data()[0] : 1);
          break;
        default:
          data = s.filter().decode(data, s.data());
          break;
      }
    }
    return data;
  }

  /** Four for a fletcher32 checksum applied before step {@code i} (so still in its output). */
  private int checksumBytesBefore(int i) {
    for (int k = 0; k < i; k++) {
      if (steps.get(k).id() == FLETCHER32) {
        return 4;
      }
    }
    return 0;
  }

  /** Inflates zlib-wrapped deflate data; {@code expected} sizes the first output array. */
  static byte[] inflate(byte[] in, int expected) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(in);
      byte[] out = new byte[Math.max(expected > 0 ? expected : in.length * 4, 64)];
      int n = 0;
      while (!inflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        int got = inflater.inflate(out, n, out.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("deflate data ends early (" + n + " bytes decoded)");
        }
        n += got;
      }
      return n == out.length ? out : Arrays.copyOf(out, n);
    } catch (DataFormatException e) {
      throw new IllegalStateException("bad deflate data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /** Undoes HDF5's byte shuffle for elements of {@code size} bytes; a remainder is kept as is. */
  static byte[] unshuffle(byte[] in, int size) {
    if (size <= 1 || in.length < size) {
      return in;
    }
    int n = in.length / size;
    byte[] out = new byte[in.length];
    for (int b = 0; b < size; b++) {
      int src = b * n;
      for (int e = 0, dst = b; e < n; e++, dst += size) {
        out[dst] = in[src + e];
      }
    }
    int tail = n * size;
    System.arraycopy(in, tail, out, tail, in.length - tail);
    return out;
  }

  private static byte[] verifyFletcher32(byte[] data) {
    if (data.length < 4) {
      throw new ChecksumMismatch("fletcher32 checksum missing: chunk has " + data.length + " bytes");
    }
    int len = data.length - 4;
    long stored = (data[len] & 0xFFL) | (data[len + 1] & 0xFFL) << 8
        | (data[len + 2] & 0xFFL) << 16 | (data[len + 3] & 0xFFL) << 24;
    long sum = fletcher32(data, len);
    // libhdf5 before 1.6.3 stored the checksum with its bytes swapped pairwise; it accepts both.
    long reversed = ((sum & 0x00FF00FFL) << 8) | ((sum >>> 8) & 0x00FF00FFL);
    if (stored != sum && stored != reversed) {
      throw new ChecksumMismatch(String.format("fletcher32 checksum mismatch (stored %08x, computed %08x)",
          stored, sum));
    }
    byte[] out = new byte[len];
    System.arraycopy(data, 0, out, 0, len);
    return out;
  }

  /** HDF5's Fletcher-32 (H5_checksum_fletcher32): 16-bit big-endian words, odd tail byte high. */
  static long fletcher32(byte[] data, int length) {
    long sum1 = 0;
    long sum2 = 0;
    int words = length / 2;
    int p = 0;
    while (words > 0) {
      int block = Math.min(words, 360);
      words -= block;
      for (int i = 0; i < block; i++) {
        sum1 += ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
        p += 2;
        sum2 += sum1;
      }
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    if ((length & 1) != 0) {
      sum1 += (data[p] & 0xFF) << 8;
      sum2 += sum1;
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    }
    sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
    sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
    return ((sum2 << 16) | sum1) & 0xFFFFFFFFL;
  }
}
