package io.lakemr.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Which keys are secret, and that their values are masked in text, arguments and printed lines. */
class RedactionTest {

  private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.secret.key", S3_SECRET);
    conf.set("fs.s3a.access.key", "AKIAIOSFODNN7EXAMPLE");
    conf.set("fs.azure.account.key.acct.blob.core.windows.net", "azureKeyValue==");
    conf.set("my.db.password", "hunter2hunter2");
    conf.set("dfs.block.access.token.enable", "true");
    conf.set("lakemr.batch.rows", "1024");
    conf.set("fs.defaultFS", "hdfs://namenode:8020");
    return conf;
  }

  @Test
  void secretKeysByLakemrsWordsAndByHadoopsPatterns() {
    Redaction r = Redaction.of(conf());
    for (String key : List.of("fs.s3a.secret.key", "fs.s3a.access.key", "fs.s3a.bucket.b1.access.key",
        "fs.azure.account.key.acct.blob.core.windows.net", "my.db.password", "ssl.server.keystore.PASSWORD",
        "hadoop.security.credential.provider.path", "some.oauth.Token", "x.client.secret",
        "fs.s3a.encryption.key", "fs.gs.encryption.key.hash")) {
      assertTrue(r.isSecretKey(key), key);
    }
    for (String key : List.of("fs.defaultFS", "lakemr.batch.rows", "mapreduce.framework.name",
        "keystore.type", "dfs.replication")) {
      assertFalse(r.isSecretKey(key), key);
    }
    Configuration site = new Configuration(false);
    site.set("hadoop.security.sensitive-config-keys", "my\\.vault\\..*");
    assertTrue(Redaction.of(site).isSecretKey("my.vault.entry"), "a site's own sensitive-key pattern counts");
    assertEquals(Redaction.MASK, r.value("fs.s3a.secret.key", S3_SECRET));
    assertEquals("8020", r.value("dfs.namenode.port", "8020"));
  }

  @Test
  void valuesOfSecretKeysAreMaskedWhereverTheyAppear() {
    Redaction r = Redaction.of(conf());
    String line = "lakemr aggregate: cannot open s3a://bucket/x: signature for " + S3_SECRET + " and hunter2hunter2 failed";
    assertEquals("lakemr aggregate: cannot open s3a://bucket/x: signature for ***** and ***** failed", r.text(line));
    assertEquals("rows 1024, block tokens true, fs hdfs://namenode:8020",
        r.text("rows 1024, block tokens true, fs hdfs://namenode:8020"), "short values and settings stay");
  }

  @Test
  void keyValuePairsAndUriPasswordsAreMaskedWithoutTheConfiguration() {
    Redaction r = Redaction.byKeyNames();
    assertEquals("-D fs.s3a.secret.key=***** -Dfs.azure.account.key.a.b=***** x.y=z",
        r.text("-D fs.s3a.secret.key=abc123 -Dfs.azure.account.key.a.b=q== x.y=z"));
    assertEquals("--input s3a://AKIAID:*****@bucket/lake, hdfs://nn:8020/a",
        r.text("--input s3a://AKIAID:s3cr3t%2Bx@bucket/lake, hdfs://nn:8020/a"));
    assertEquals(List.of("--where", "token = 'a=b'", "-D", "db_password=*****", "--output", "s3a://k:*****@b/o"),
        r.arguments(new String[] {"--where", "token = 'a=b'", "-D", "db_password=pw", "--output", "s3a://k:pw@b/o"}));
  }

  @Test
  void aPrintStreamMasksEachPrintAndKeepsEveryCharacter() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintStream masked = Redaction.of(conf()).printStream(target);
    masked.println("failed: " + S3_SECRET);
    masked.printf("%s=%s%n", "fs.s3a.access.key", "AKIAIOSFODNN7EXAMPLE");
    masked.print("größe ✓ ");
    masked.print("done");
    masked.flush();
    assertEquals("failed: *****\nfs.s3a.access.key=*****\ngröße ✓ done", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void utf8CharactersCutByAWriteWait() {
    byte[] text = "aé✓😀".getBytes(StandardCharsets.UTF_8);
    assertEquals(text.length, Redaction.completeLength(text));
    assertEquals(text.length - 4, Redaction.completeLength(Arrays.copyOf(text, text.length - 1)));
    assertEquals(1, Redaction.completeLength(Arrays.copyOf(text, 2)));
    assertEquals(3, Redaction.completeLength(Arrays.copyOf(text, 5)));
  }
}
