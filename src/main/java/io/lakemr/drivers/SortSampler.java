package io.lakemr.drivers;

import io.lakemr.data.GroupKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.SequenceFile;

/**
 * Samples the sort keys of SequenceFiles on the client and picks the split points of a
 * total-order partition, as {@code InputSampler} does, but reading only what it samples.
 *
 * <p>Files of {@link #readAllBytes} bytes or fewer in all are read whole, so small results
 * split exactly. Larger ones are sampled at random byte positions spread over the files in
 * proportion to their size: the reader skips to the next sync mark after the position
 * ({@link SequenceFile.Reader#sync}) and takes the keys of the records there, as many as the
 * samples asked for need given the sync marks there are ({@link SequenceFile#SYNC_INTERVAL},
 * about 100 KB, apart): one record per mark for large data, a short run of consecutive
 * records (a cluster sample) for smaller data. Each sample point costs one seek, whatever the
 * data's size. The seed is fixed, so the same data gives the same split points.
 *
 * <p>Split points only balance the reducers; the order of the output never depends on them.
 */
final class SortSampler {

  /** Up to this many bytes in all, every key is read: {@value} (8 MiB). */
  static final long READ_ALL_BYTES_DEFAULT = 8L << 20;

  private static final long SEED = 0x5eed_0fdeL;

  private final Configuration conf;
  private final int samples;
  private final long readAllBytes;

  SortSampler(Configuration conf, int samples, long readAllBytes) {
    this.conf = conf;
    this.samples = Math.max(1, samples);
    this.readAllBytes = readAllBytes;
  }

  /** Sort keys sampled from the SequenceFiles in {@code dir} (names starting {@code _} or {@code .} skipped). */
  List<byte[]> sample(Path dir) throws IOException {
    FileSystem fs = dir.getFileSystem(conf);
    List<FileStatus> files = new ArrayList<>();
    long total = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (s.isFile() && s.getLen() > 0 && !name.startsWith("_") && !name.startsWith(".")) {
        files.add(s);
        total += s.getLen();
      }
    }
    List<byte[]> keys = new ArrayList<>();
    GroupKey key = new GroupKey();
    Random random = new Random(SEED);
    // records read after each sync mark: enough for the samples asked from the sync marks there are
    long syncMarks = Math.max(1, total / SequenceFile.SYNC_INTERVAL);
    // (half as many again: two sample points may fall between the same two marks)
    int perMark = (int) Math.max(1, (samples * 3 / 2 + syncMarks - 1) / syncMarks);
    for (FileStatus f : files) {
      try (SequenceFile.Reader reader = new SequenceFile.Reader(conf, SequenceFile.Reader.file(f.getPath()))) {
        if (total <= readAllBytes) {
          while (reader.next(key)) {
            keys.add(key.copyBytes());
          }
          continue;
        }
        int n = (int) Math.max(1, Math.round((double) samples * f.getLen() / total / perMark));
        long[] positions = new long[n];
        for (int i = 0; i < n; i++) {
          positions[i] = (long) ((i + random.nextDouble()) * f.getLen() / n); // one in each n-th of the file
        }
        long lastMark = -1;
        for (long p : positions) {
          reader.sync(p);
          long mark = reader.getPosition();
          if (mark == lastMark) {
            continue; // the same sync mark as the position before: its records are taken
          }
          lastMark = mark;
          for (int i = 0; i < perMark && reader.next(key); i++) {
            keys.add(key.copyBytes());
          }
        }
      }
    }
    return keys;
  }

  /**
   * The split points dividing sampled keys into {@code reducers} ranges of about equal size:
   * distinct keys in ascending unsigned byte order, at most {@code reducers - 1}, fewer when
   * there are fewer distinct keys (the sort job then runs one reducer per range).
   */
  static List<byte[]> splitPoints(List<byte[]> sampled, int reducers) {
    List<byte[]> sorted = new ArrayList<>(sampled);
    sorted.sort(Arrays::compareUnsigned);
    List<byte[]> distinct = new ArrayList<>();
    for (byte[] k : sorted) {
      if (distinct.isEmpty() || Arrays.compareUnsigned(distinct.get(distinct.size() - 1), k) != 0) {
        distinct.add(k);
      }
    }
    List<byte[]> points = new ArrayList<>();
    int n = distinct.size();
    for (int i = 1; i < reducers; i++) {
      int index = (int) ((long) i * n / reducers);
      if (index == 0 || index >= n) {
        continue;
      }
      byte[] p = distinct.get(index);
      if (points.isEmpty() || Arrays.compareUnsigned(points.get(points.size() - 1), p) < 0) {
        points.add(p);
      }
    }
    return points;
  }

  /** Writes split points as {@code TotalOrderPartitioner} reads them: a SequenceFile of (key, null). */
  static void writePartitionFile(Configuration conf, Path file, List<byte[]> points) throws IOException {
    try (SequenceFile.Writer w = SequenceFile.createWriter(conf, SequenceFile.Writer.file(file),
        SequenceFile.Writer.keyClass(GroupKey.class), SequenceFile.Writer.valueClass(NullWritable.class),
        SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE))) {
      for (byte[] p : points) {
        w.append(new GroupKey(p), NullWritable.get());
      }
    }
  }
}
