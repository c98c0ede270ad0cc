package io.lakemr.formats.text;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.mapreduce.lib.input.CompressedSplitLineReader;

/**
 * The lines of a byte range of a bzip2 file, through Hadoop's block-aware bzip2 stream and its
 * split line reader, with {@code LineRecordReader}'s rule: the range is widened to whole bzip2
 * blocks, a range not at 0 skips its first line, and lines are read while the compressed
 * position is at or before the range's end (plus the one the reader says the next range will
 * not read). Offsets of lines are unknown; line numbers are known when the range starts at 0.
 */
public final class Bzip2LineSource implements LineSource {

  private static final byte[] LF = {'\n'};

  private final FSDataInputStream raw;
  private final SplitCompressionInputStream in;
  private final CompressedSplitLineReader reader;
  private final long start;
  private final long end;
  private final int maxLineBytes;
  private final Text line = new Text();
  private long lineNumber;
  private int length;
  private long consumed;
  private boolean done;

  /**
   * @param raw the file, opened
   * @param start the range's first byte
   * @param end one past the range's last byte
   */
  public Bzip2LineSource(Configuration conf, FSDataInputStream raw, long start, long end, int maxLineBytes)
      throws IOException {
    this.raw = raw;
    BZip2Codec codec = new BZip2Codec();
    codec.setConf(conf);
    this.in = codec.createInputStream(raw, null, start, end, SplittableCompressionCodec.READ_MODE.BYBLOCK);
    this.reader = new CompressedSplitLineReader(in, conf, LF);
    this.start = in.getAdjustedStart();
    this.end = in.getAdjustedEnd();
    this.maxLineBytes = Math.max(1, maxLineBytes);
    this.lineNumber = start == 0 ? 0 : -1;
    if (start != 0) {
      reader.readLine(new Text(), 0, Integer.MAX_VALUE);
    }
  }

  @Override
  public boolean next() throws IOException {
    if (done || !(in.getPos() <= end || reader.needAdditionalRecordAfterSplit())) {
      done = true;
      return false;
    }
    int n = reader.readLine(line, maxLineBytes + 1, Integer.MAX_VALUE);
    if (n == 0) {
      done = true;
      return false;
    }
    consumed = n;
    length = line.getLength();
    if (length > 0 && line.getBytes()[length - 1] == '\r') {
      length--;
    }
    if (lineNumber >= 0) {
      lineNumber++;
    }
    return true;
  }

  @Override
  public byte[] buffer() {
    return line.getBytes();
  }

  @Override
  public int start() {
    return 0;
  }

  @Override
  public int end() {
    return length;
  }

  @Override
  public int terminatorEnd() {
    return line.getLength();
  }

  @Override
  public long offset() {
    return -1;
  }

  @Override
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public boolean tooLong() {
    return line.getLength() > maxLineBytes;
  }

  @Override
  public long lineBytes() {
    return tooLong() ? consumed : length;
  }

  @Override
  public float progress() {
    if (done || end <= start) {
      return 1f;
    }
    try {
      return Math.min(1f, (float) (in.getPos() - start) / (end - start));
    } catch (IOException e) {
      return 0f;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      raw.close();
    }
  }
}
