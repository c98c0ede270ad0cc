package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.conf.Redaction;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets given to a command, as {@code -D} settings or in a URI, appear neither in the job
 * summary nor in anything the command prints: real jobs on the local job runner.
 */
class SecretsJobTest {

  private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRET";
  private static final String AZURE_KEY = "c2VjcmV0LWF6dXJlLWtleQ==";
  private static final String DB_PASSWORD = "correct-horse-battery";
  private static final Schema SCHEMA = SchemaBuilder.record("reading").fields()
      .requiredString("station")
      .requiredDouble("value")
      .endRecord();

  @TempDir
  Path tmp;

  private Path input() throws Exception {
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      GenericRecord g = new GenericData.Record(SCHEMA);
      g.put("station", "st-" + i % 7);
      g.put("value", i * 0.5);
      rows.add(g);
    }
    Path file = Files.createDirectories(tmp.resolve("in")).resolve("part-0.parquet");
    ParquetFiles.write(file, SCHEMA, rows, CompressionCodecName.SNAPPY, 64 * 1024);
    return file.getParent();
  }

  @Test
  void secretsGivenWithDAreNotInTheSummaryNorPrinted() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    Path out = tmp.resolve("out");
    Commands.Result r = Commands.run(conf, "aggregate",
        "-D", "fs.s3a.secret.key=" + S3_SECRET, "-Dfs.azure.account.key.acct.blob.core.windows.net=" + AZURE_KEY,
        "-D", "warehouse.db.password=" + DB_PASSWORD,
        "--input", input().toString(), "--group-by", "station", "--agg", "count(*),sum(value)",
        "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    String summary = Files.readString(out.resolve(JobSummary.FILE_NAME));
    JsonNode json = new ObjectMapper().readTree(summary);
    assertEquals("aggregate", json.get("command").asText());
    assertTrue(json.get("arguments").toString().contains("count(*),sum(value)"), summary);
    for (String secret : List.of(S3_SECRET, AZURE_KEY, DB_PASSWORD)) {
      assertFalse(summary.contains(secret), "summary holds a secret:\n" + summary);
      assertFalse(r.out().contains(secret) || r.err().contains(secret), r.toString());
    }
  }

  @Test
  void secretsInErrorLinesAreMasked() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    // the value of a secret key, echoed by the error about a path that holds it
    Commands.Result echoed = Commands.run(conf, "aggregate", "-D", "fs.s3a.secret.key=" + S3_SECRET,
        "--input", tmp.resolve("no-such-" + S3_SECRET).toString(), "--agg", "count(*)",
        "--output", tmp.resolve("never").toString());
    // a password in a URI's user info, on a file system this class path does not have
    Commands.Result uri = Commands.run(conf, "aggregate",
        "--input", "objstore://AKIDEXAMPLE:" + DB_PASSWORD + "@bucket/x", "--agg", "count(*)",
        "--output", tmp.resolve("never").toString());
    for (Commands.Result r : List.of(echoed, uri)) {
      assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.toString());
      assertTrue(r.err().startsWith("lakemr aggregate: ") && r.err().contains(Redaction.MASK), r.toString());
      assertFalse(r.err().contains(S3_SECRET) || r.err().contains(DB_PASSWORD), r.toString());
    }
    assertFalse(Files.exists(tmp.resolve("never")));
  }
}
