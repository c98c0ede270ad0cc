package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.BatchRow;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.formats.sample.SensorTable;
import io.lakemr.mappers.GenerateMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.Job;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The generate job on the local job runner, on the local disk. */
@Timeout(120)
class GenerateJobTest {

  @TempDir
  java.nio.file.Path tmp;

  private Configuration localConf() {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.set("fs.defaultFS", "file:///");
    conf.set("hadoop.tmp.dir", tmp.resolve("hadoop-tmp").toString());
    conf.set("mapreduce.jobtracker.staging.root.dir", tmp.resolve("staging").toString());
    conf.setInt("mapreduce.client.completion.pollinterval", 100);
    conf.setInt("mapreduce.client.progressmonitor.pollinterval", 100);
    return conf;
  }

  private List<String> outputNames(java.nio.file.Path out) throws Exception {
    try (Stream<java.nio.file.Path> s = Files.list(out)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().collect(Collectors.toList());
    }
  }

  @Test
  void writesTwoParquetFilesOfTheSameRowsAsFill() throws Exception {
    java.nio.file.Path out = tmp.resolve("sensors");
    Job job = GenerateJob.configure(localConf(), 10_000, 2, 42, new Path(out.toUri()),
        OutputFormats.PARQUET);
    assertTrue(job.waitForCompletion(false));
    assertEquals(List.of("_SUCCESS", "part-m-00000.parquet", "part-m-00001.parquet"),
        outputNames(out));
    assertEquals(10_000, job.getCounters().findCounter(GenerateMapper.Counters.ROWS_GENERATED).getValue());
    assertEquals(10_000, job.getCounters().findCounter(OutputCounters.ROWS_WRITTEN).getValue());
    assertEquals(2, job.getCounters().findCounter(OutputCounters.FILES_WRITTEN).getValue());

    // read back in file order and compare every value with the generator's own rows
    SensorTable table = new SensorTable(42, 10_000);
    VectorizedRowBatch b = Schemas.newBatch(SensorTable.COLUMNS, 1);
    BatchRow v = new BatchRow().of(b).at(0);
    Configuration conf = new Configuration();
    long row = 0;
    List<Long> perFile = new ArrayList<>();
    for (String name : List.of("part-m-00000.parquet", "part-m-00001.parquet")) {
      long before = row;
      try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
          HadoopInputFile.fromPath(new Path(out.resolve(name).toUri()), conf)).build()) {
        for (GenericRecord g = r.read(); g != null; g = r.read()) {
          table.fill(b, row, 1);
          assertEquals(v.getLong(0), g.get("ts"));
          assertEquals(v.getString(1), g.get("station").toString());
          assertEquals(v.getString(2), g.get("status").toString());
          assertEquals(v.getDouble(3), g.get("value"));
          assertEquals(v.getLong(4), g.get("sensor_id"));
          row++;
        }
      }
      perFile.add(row - before);
    }
    assertEquals(List.of(5_000L, 5_000L), perFile);
  }

  @Test
  void writesCsvToo() throws Exception {
    java.nio.file.Path out = tmp.resolve("csv");
    Job job = GenerateJob.configure(localConf(), 1_001, 2, 1, new Path(out.toUri()),
        OutputFormats.CSV);
    assertTrue(job.waitForCompletion(false));
    assertEquals(List.of("_SUCCESS", "part-m-00000.csv", "part-m-00001.csv"), outputNames(out));
    List<String> first = Files.readAllLines(out.resolve("part-m-00000.csv"), StandardCharsets.UTF_8);
    List<String> second = Files.readAllLines(out.resolve("part-m-00001.csv"), StandardCharsets.UTF_8);
    assertEquals("ts,station,status,value,sensor_id", first.get(0));
    assertEquals(1 + 501, first.size());
    assertEquals(1 + 500, second.size());
    assertTrue(first.get(1).matches("17\\d{11},st-\\d{4},(ok|warn|fail),-?[0-9.E-]+,\\d+"), first.get(1));
  }

  @Test
  void rejectsSenselessSizes() {
    Path out = new Path(tmp.resolve("x").toUri());
    assertEquals("--rows: must be at least 1, got 0", assertThrows(BadInputException.class,
        () -> GenerateJob.configure(localConf(), 0, 1, 1, out, OutputFormats.PARQUET)).getMessage());
    assertThrows(BadInputException.class,
        () -> GenerateJob.configure(localConf(), 10, 0, 1, out, OutputFormats.PARQUET));
    assertThrows(BadInputException.class,
        () -> GenerateJob.configure(localConf(), 10, 11, 1, out, OutputFormats.PARQUET));
  }
}
