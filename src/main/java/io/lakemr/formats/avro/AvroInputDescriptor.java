package io.lakemr.formats.avro;

import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.text.NestedColumns;
import io.lakemr.formats.text.SchemaSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.hadoop.conf.Configuration;

/** Avro input: object container files ending {@code .avro}, starting {@code Obj} 1. */
public final class AvroInputDescriptor implements InputFormatDescriptor {

  @Override
  public String name() {
    return "avro";
  }

  @Override
  public String displayName() {
    return "Avro";
  }

  @Override
  public List<String> suffixes() {
    return List.of(".avro");
  }

  @Override
  public byte[] magic() {
    return new byte[] {'O', 'b', 'j', 1};
  }

  @Override
  public Set<String> options() {
    return Set.of("schema-file");
  }

  @Override
  public List<String> inspectUsage() {
    return List.of("Avro: the file's schema, codec and the columns lakemr reads (nested records flattened).");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    return new AvroInputTable(conf, files, options.get("schema-file"));
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", name());
    doc.put("file", file.path().toString());
    doc.put("bytes", file.length());
    try (DataFileReader<IndexedRecord> r = new DataFileReader<>(new AvroFsInput(file.path(), conf),
        new GenericDatumReader<>())) {
      doc.put("codec", r.getMetaString("avro.codec") == null ? "null" : r.getMetaString("avro.codec"));
      NestedColumns nested = NestedColumns.of(r.getSchema());
      doc.put("columns", SchemaSpec.format(nested.columns()));
      doc.put("unreadable", nested.unreadable());
      doc.put("avro_schema", r.getSchema().toString());
    }
    return doc;
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    doc.forEach((k, v) -> out.println(k + ": " + v));
  }
}
