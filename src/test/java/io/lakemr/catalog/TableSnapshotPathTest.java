package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * {@link TableSnapshot#under}, the quick way a snapshot resolves its files, gives the very path
 * {@code new Path(dir, relative)} gives, for plain and escaped names under local and HDFS
 * locations, and for names it leaves to that constructor.
 */
class TableSnapshotPathTest {

  private static final List<String> DIRS = List.of("file:/data/sensors", "file:/data/with space/t%20x",
      "hdfs://namenode:8020/warehouse/sensors", "/plain/dir", "file:/", "s3a://bucket/t", "file:/data/sensors/",
      "file:/data/%41b%2fc", "hdfs://user@nn:8020/t", "/");

  private static final List<String> RELATIVE = List.of("part-00000.parquet", "day=d042/part-00001.parquet",
      "day=2026-11-28/hour=07/part-m-00000.zstd.parquet", "city=S%C3%A3o Paulo/part-0.parquet",
      "key=a%2Fb/x y+z.parquet", "day=__HIVE_DEFAULT_PARTITION__/f.parquet", "name=é€/f#1.parquet",
      "a/./b.parquet", "a/../b.parquet", "./b.parquet", "a//b.parquet", "dir/", "a:b/c.parquet", ".hidden",
      "..x/y..", "k=[1,2]/{a}.parquet", "q?=1/f.parquet",
      "k=~!$&'()*+,;=@/x.parquet", "k=a b/c\"d<e>.parquet", "k=%/x", "k=\u0001/x", "x/.", "x/..", "...");

  /** The path, its text and raw URI path, or the exception making it threw. */
  private static List<Object> outcome(Supplier<Path> make) {
    try {
      Path p = make.get();
      return List.of(p, p.toString(), p.toUri().getRawPath());
    } catch (IllegalArgumentException e) {
      return List.of(e.getClass(), String.valueOf(e.getMessage()));
    }
  }

  @Test
  void quickPathsEqualHadoopsOwn() {
    for (String d : DIRS) {
      Path dir = new Path(d);
      for (String r : RELATIVE) {
        assertEquals(outcome(() -> new Path(dir, r)), outcome(() -> TableSnapshot.under(dir, TableSnapshot.prefix(dir), r)), d + " + " + r);
      }
    }
  }
}
