package io.lakemr.formats.text;

import java.io.Closeable;
import java.io.IOException;

/**
 * The lines of a byte range of a text file, in order, each a slice of a buffer that is valid
 * until the next call to {@link #next()}.
 *
 * <p>Boundary rule (Hadoop's {@code LineRecordReader}): a range that does not start at byte 0
 * skips everything up to and including the first line end at or after its start; it then
 * reads every line that starts at or before its end, so the last one may run past it. Every
 * line of a file is so read by exactly one of a set of ranges that tile the file. Lines end at
 * LF; a CR before the LF is not part of the line.
 */
public interface LineSource extends Closeable {

  /** Moves to the next line; false when the range has no more. */
  boolean next() throws IOException;

  /** The buffer holding the line. */
  byte[] buffer();

  /** Index in {@link #buffer()} of the line's first byte. */
  int start();

  /** Index in {@link #buffer()} one past the line's last byte, line end excluded. */
  int end();

  /**
   * Index in {@link #buffer()} one past the line end (CRLF or LF; equal to {@link #end()} for
   * a last line with none).
   */
  int terminatorEnd();

  /** Byte offset of the line in the (decompressed) file, or -1 when unknown. */
  long offset();

  /** 1-based line number in the file, or -1 when unknown (a range not starting at 0). */
  long lineNumber();

  /**
   * True when the line was longer than the most allowed; the slice then holds only its
   * beginning and {@link #lineBytes()} its length.
   */
  boolean tooLong();

  /** The line's length in bytes, line end excluded (more than the slice when too long). */
  long lineBytes();

  /** Share of the range read, 0 to 1. */
  float progress();
}
