package io.lakemr.formats.parquet;

import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputTable;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Parquet input: files ending {@code .parquet}, {@code .parq} or {@code .pq}, starting PAR1. */
public final class ParquetInputDescriptor implements InputFormatDescriptor {

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public String displayName() {
    return "Parquet";
  }

  @Override
  public List<String> suffixes() {
    return List.of(".parquet", ".parq", ".pq");
  }

  @Override
  public byte[] magic() {
    return new byte[] {'P', 'A', 'R', '1'};
  }

  @Override
  public List<String> inspectUsage() {
    return List.of("Parquet: schema with lakemr types, row groups with codecs and min/max, key-value metadata.");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    return new ParquetInputTable(ParquetFormat.readSchema(conf, files));
  }

  @Override
  public long rowCount(Configuration conf, InputFile file) {
    return ParquetFormat.readFooter(conf, file).getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) {
    return ParquetInspector.inspect(conf, file);
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    ParquetInspectText.print(doc, out);
  }
}
