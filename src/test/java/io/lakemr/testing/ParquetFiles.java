package io.lakemr.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** Writes Parquet files with parquet-java (through parquet-avro), the reference writer. */
public final class ParquetFiles {

  private ParquetFiles() {
  }

  /** A local file's Hadoop path. */
  public static org.apache.hadoop.fs.Path hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toUri());
  }

  /** Writes records with small row groups and pages, so a file holds several of each. */
  public static void write(Path file, Schema schema, List<GenericRecord> records, CompressionCodecName codec,
      int rowGroupBytes) throws IOException {
    Configuration conf = new Configuration();
    try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(hadoopPath(file), conf))
        .withSchema(schema)
        .withConf(conf)
        .withCompressionCodec(codec)
        .withRowGroupSize((long) rowGroupBytes)
        .withPageSize(Math.max(1024, rowGroupBytes / 8))
        .withPageWriteChecksumEnabled(true)
        .build()) {
      for (GenericRecord r : records) {
        w.write(r);
      }
    }
  }
}
