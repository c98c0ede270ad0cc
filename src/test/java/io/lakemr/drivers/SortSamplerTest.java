package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.GroupKey;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split points divide the sampled keys evenly, fewer when there are few distinct keys; sampling
 * at sync marks reads a few records of a large file yet balances the ranges; the partition
 * file is what {@link TotalOrderPartitioner} reads, and it routes keys to ranges in order.
 */
class SortSamplerTest {

  @TempDir
  Path tmp;

  private static byte[] key(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  @Test
  void splitPointsAreEvenlySpacedDistinctKeys() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 99; i >= 0; i--) {
      keys.add(key(i));
      keys.add(key(i)); // duplicates count once
    }
    List<byte[]> points = SortSampler.splitPoints(keys, 4);
    assertEquals(3, points.size());
    assertEquals(List.of(25L, 50L, 75L), points.stream().map(p -> ByteBuffer.wrap(p).getLong()).toList());
    assertEquals(1, SortSampler.splitPoints(List.of(key(1), key(2)), 5).size(), "two keys make two ranges");
    assertEquals(0, SortSampler.splitPoints(List.of(key(1), key(1)), 5).size());
    assertEquals(0, SortSampler.splitPoints(List.of(), 3).size());
    // unsigned order: 0x80 sorts after 0x7f
    List<byte[]> signed = SortSampler.splitPoints(List.of(new byte[] {(byte) 0x80}, new byte[] {0x7f}), 2);
    assertEquals((byte) 0x80, signed.get(0)[0]);
  }

  @Test
  void samplingALargeFileReadsFewRecordsAndBalancesRanges() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(tmp.resolve("rows").toUri());
    int rows = 120_000;
    long[] values = new long[rows];
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < rows; i++) {
      values[i] = r.nextLong();
    }
    for (int f = 0; f < 2; f++) {
      try (SequenceFile.Writer w = SequenceFile.createWriter(conf,
          SequenceFile.Writer.file(new org.apache.hadoop.fs.Path(dir, "part-r-0000" + f)),
          SequenceFile.Writer.keyClass(GroupKey.class), SequenceFile.Writer.valueClass(BytesWritable.class))) {
        for (int i = f; i < rows; i += 2) {
          w.append(new GroupKey(key(values[i])), new BytesWritable(new byte[12]));
        }
      }
    }
    List<byte[]> sampled = new SortSampler(conf, 2000, 1 << 20).sample(dir);
    long distinct = sampled.stream().map(Arrays::toString).distinct().count();
    assertTrue(distinct > 1500 && sampled.size() < 4000, "sampled " + sampled.size() + ", distinct " + distinct);
    List<byte[]> points = SortSampler.splitPoints(sampled, 4);
    assertEquals(3, points.size());
    int[] counts = new int[4];
    for (long v : values) {
      int range = 0;
      while (range < 3 && Arrays.compareUnsigned(key(v), points.get(range)) >= 0) {
        range++;
      }
      counts[range]++;
    }
    for (int c : counts) {
      assertTrue(Math.abs(c - rows / 4) < rows / 4 * 0.15, "unbalanced ranges " + Arrays.toString(counts));
    }
    assertEquals(rows, new SortSampler(conf, 10, Long.MAX_VALUE).sample(dir).size(), "small data is read whole");
  }

  @Test
  void totalOrderPartitionerRoutesKeysFullOfFfBytesInOrder() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(tmp.resolve("split-points").toUri());
    // keys as a descending count makes them: inverted marker, then 0x7F and runs of 0xFF
    byte[] low = {(byte) 0xFE, 0x7F, -1, -1, -1, -1, -1, -1, (byte) 0xE0, 1};
    byte[] high = {(byte) 0xFE, 0x7F, -1, -1, -1, -1, -1, -1, (byte) 0xF0, 1};
    SortSampler.writePartitionFile(conf, file, List.of(low, high));
    conf.setInt("mapreduce.job.reduces", 3);
    conf.set("mapreduce.map.output.key.class", GroupKey.class.getName());
    SortStage.usePartitionFile(conf, file);
    TotalOrderPartitioner<GroupKey, BytesWritable> p = new TotalOrderPartitioner<>();
    p.setConf(conf);
    byte[] k = low.clone();
    k[8] = (byte) 0xD0;
    assertEquals(0, p.getPartition(new GroupKey(k), null, 3));
    assertEquals(1, p.getPartition(new GroupKey(low), null, 3), "a split point starts its range");
    k[8] = (byte) 0xE5;
    assertEquals(1, p.getPartition(new GroupKey(k), null, 3));
    assertEquals(2, p.getPartition(new GroupKey(high), null, 3));
    k[8] = (byte) 0xF5;
    assertEquals(2, p.getPartition(new GroupKey(k), null, 3));
    assertEquals(2, p.getPartition(new GroupKey(new byte[] {(byte) 0xFF}), null, 3));
    assertEquals(0, p.getPartition(new GroupKey(new byte[] {0x00}), null, 3));
  }
}
