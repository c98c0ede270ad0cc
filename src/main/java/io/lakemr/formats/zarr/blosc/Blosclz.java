package io.lakemr.formats.zarr.blosc;

/**
 * Decompression of BloscLZ, Blosc's own LZ77 format, written from its description.
 *
 * <p>A stream is a sequence of tokens, each starting with a control byte (the first control
 * byte keeps only its low 5 bits). A control byte below 32 is a literal run of
 * {@code ctrl + 1} bytes that follow. Otherwise it is a match: its top 3 bits minus one are the
 * length code (7 means more length bytes follow, each added, until one is not 255), its low 5
 * bits the high byte of the distance, and the next byte the low byte; the match copies
 * {@code length + 3} bytes from {@code distance + 1} bytes back. A low byte of 255 with a high
 * part of 31 means a 16-bit distance follows (big-endian), counted from 8191 on.
 */
public final class Blosclz {

  private static final int MAX_DISTANCE = 8191;

  private Blosclz() {
  }

  /**
   * Decompresses {@code src[srcOff, srcOff + srcLen)} into {@code dst} from {@code dstOff}.
   *
   * @return the number of bytes written
   * @throws BloscException when the stream is truncated or refers outside the output
   */
  public static int decompress(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen)
      throws BloscException {
    if (srcLen == 0) {
      return 0;
    }
    int ip = srcOff;
    int ipEnd = srcOff + srcLen;
    int op = dstOff;
    int opEnd = dstOff + dstLen;
    int ctrl = src[ip++] & 31;
    while (true) {
      if (ctrl < 32) {
        int run = ctrl + 1;
        if (op + run > opEnd || ip + run > ipEnd) {
          throw new BloscException("blosclz: literal run of " + run + " bytes runs past the end");
        }
        System.arraycopy(src, ip, dst, op, run);
        op += run;
        ip += run;
      } else {
        int len = (ctrl >>> 5) - 1;
        int ofs = (ctrl & 31) << 8;
        if (len == 6) {
          int code;
          do {
            if (ip >= ipEnd) {
              throw new BloscException("blosclz: truncated match length");
            }
            code = src[ip++] & 0xFF;
            len += code;
          } while (code == 255);
        }
        if (ip >= ipEnd) {
          throw new BloscException("blosclz: truncated match distance");
        }
        int code = src[ip++] & 0xFF;
        len += 3;
        int distance = ofs + code + 1;
        if (code == 255 && ofs == (31 << 8)) {
          if (ip + 2 > ipEnd) {
            throw new BloscException("blosclz: truncated long match distance");
          }
          distance = (((src[ip] & 0xFF) << 8) | (src[ip + 1] & 0xFF)) + MAX_DISTANCE + 1;
          ip += 2;
        }
        int ref = op - distance;
        if (ref < dstOff || op + len > opEnd) {
          throw new BloscException("blosclz: match of " + len + " bytes at distance " + distance
              + " outside the output");
        }
        if (distance >= len) {
          System.arraycopy(dst, ref, dst, op, len);
          op += len;
        } else {
          for (int i = 0; i < len; i++) {
            dst[op++] = dst[ref++];
          }
        }
      }
      if (ip >= ipEnd) {
        return op - dstOff;
      }
      ctrl = src[ip++] & 0xFF;
    }
  }
}
