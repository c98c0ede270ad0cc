package io.lakemr.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.formats.text.SchemaSpec;
import io.lakemr.formats.text.TextFixtures;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSchemaInferenceTest {

  private static final Configuration CONF = new Configuration();

  @TempDir
  File tmp;

  private static String infer(CsvOptions options, int sampleRows, Path... files) throws IOException {
    return SchemaSpec.format(CsvSchemaInference.infer(CONF, List.of(files), options, sampleRows, 4));
  }

  @Test
  void generatedFilesInferToTheGeneratorsTypes() throws IOException {
    for (String name : new String[] {"sensors.csv", "sensors.csv.gz", "sensors.csv.zst"}) {
      assertEquals(TextFixtures.expected("sensors.csv").get("schema").asText(),
          infer(CsvOptions.DEFAULTS, 10_000, TextFixtures.path(name)), name);
    }
    assertEquals(TextFixtures.expected("quoting.csv").get("schema").asText(),
        infer(CsvOptions.DEFAULTS.withMultiline(true), 10_000, TextFixtures.path("quoting.csv")));
  }

  @Test
  void widensOverTheSampleAndAcrossFiles() throws IOException {
    Path a = write("a.csv", "n,x,when,flag,empty\n1,2,2026-01-01,true,\n2,3,2026-01-02,false,\n");
    Path b = write("b.csv", "n,x,when,extra\n3,4.5,2026-01-03T10:00:00Z,z\n");
    assertEquals("n:long,x:long,when:date,flag:boolean,empty:string", infer(CsvOptions.DEFAULTS, 10, a));
    assertEquals("n:long,x:double,when:timestamp,flag:boolean,empty:string,extra:string",
        infer(CsvOptions.DEFAULTS, 10, a, b));
    assertEquals("n:long,x:long,when:date,flag:boolean,empty:string", infer(CsvOptions.DEFAULTS, 2, a, b));
    Path c = write("c.csv", "1,x\n2,\n");
    assertEquals("_c0:long,_c1:string", infer(CsvOptions.DEFAULTS.withHeader(false), 10, c));
  }

  private Path write(String name, String text) throws IOException {
    File f = new File(tmp, name);
    Files.write(f.toPath(), text.getBytes(StandardCharsets.UTF_8));
    return new Path(f.toURI());
  }
}
