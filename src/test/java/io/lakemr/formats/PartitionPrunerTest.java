package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.ColumnPredicate.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partition directories left out by filter conjuncts on their columns, nulls matching nothing. */
class PartitionPrunerTest {

  @TempDir
  Path tmp;

  @Test
  void prunesDirectoriesWhoseValuesCannotMatch() throws Exception {
    for (String dir : List.of("y=2025/m=12", "y=2026/m=01", "y=2026/m=02", "y=__HIVE_DEFAULT_PARTITION__/m=01")) {
      Files.createDirectories(tmp.resolve(dir));
      Files.writeString(tmp.resolve(dir).resolve("a.parquet"), "x");
      Files.writeString(tmp.resolve(dir).resolve("b.parquet"), "x");
    }
    InputFiles files = InputFiles.list(new Configuration(), List.of(tmp.toString()));
    PartitionPruner.Result r = PartitionPruner.prune(files, List.of(
        new ColumnPredicate("y", Op.GE, List.of("2026")), new ColumnPredicate("other", Op.EQ, List.of(1L))));
    assertEquals(4, r.kept().files().size());
    assertEquals(2, r.directoriesPruned(), "2025 and the null year");
    assertEquals(4, r.directories());
    r = PartitionPruner.prune(files, List.of(new ColumnPredicate("y", Op.NE, List.of("2026")),
        new ColumnPredicate("m", Op.IN, List.of("12", "01"))));
    assertEquals(List.of("2025"), r.kept().files().stream().map(f -> f.partitionValues().get(0)).distinct().toList());
    assertEquals(3, r.directoriesPruned());
    r = PartitionPruner.prune(files, List.of());
    assertEquals(8, r.kept().files().size());
    assertEquals(0, r.directoriesPruned());
  }
}
