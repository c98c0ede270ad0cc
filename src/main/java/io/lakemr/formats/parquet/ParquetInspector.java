package io.lakemr.formats.parquet;

import io.lakemr.formats.InputFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.Type;

/**
 * The structure of a Parquet file from its footer only, as a document of maps, lists, strings
 * and numbers (what {@code inspect} prints as text or JSON): the schema with the type lakemr
 * reads each column as (or why it cannot), the row groups with rows, bytes, and per column the
 * codec and min/max statistics, and the key-value metadata.
 */
public final class ParquetInspector {

  /** Key-value metadata values are cut to this many characters. */
  static final int MAX_VALUE_CHARS = 400;

  private ParquetInspector() {
  }

  /** The document of one file. */
  public static Map<String, Object> inspect(Configuration conf, InputFile file) {
    ParquetMetadata footer = ParquetFormat.readFooter(conf, file);
    FileMetaData meta = footer.getFileMetaData();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", file.path().toString());
    doc.put("format", "parquet");
    doc.put("bytes", file.length());
    long rows = 0;
    for (BlockMetaData b : footer.getBlocks()) {
      rows += b.getRowCount();
    }
    doc.put("rows", rows);
    doc.put("createdBy", meta.getCreatedBy());
    List<Object> schema = new ArrayList<>();
    for (Type field : meta.getSchema().getFields()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", field.getName());
      c.put("parquetType", field.toString().trim().replaceAll("\\s+", " "));
      ParquetTypes.Mapping m = ParquetTypes.map(field);
      if (m.readable()) {
        c.put("type", ParquetTypes.column(field, m.kind()).typeName());
      } else {
        c.put("unreadable", m.unreadableReason());
      }
      schema.add(c);
    }
    doc.put("schema", schema);
    List<Object> groups = new ArrayList<>();
    for (BlockMetaData b : footer.getBlocks()) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("rows", b.getRowCount());
      g.put("startingByte", b.getStartingPos());
      g.put("compressedBytes", b.getCompressedSize());
      g.put("uncompressedBytes", b.getTotalByteSize());
      List<Object> columns = new ArrayList<>();
      for (ColumnChunkMetaData c : b.getColumns()) {
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("path", c.getPath().toDotString());
        cm.put("codec", c.getCodec().name().toLowerCase(java.util.Locale.ROOT));
        cm.put("compressedBytes", c.getTotalSize());
        cm.put("uncompressedBytes", c.getTotalUncompressedSize());
        Statistics<?> s = c.getStatistics();
        if (s != null && !s.isEmpty()) {
          if (s.isNumNullsSet()) {
            cm.put("nulls", s.getNumNulls());
          }
          if (s.hasNonNullValue()) {
            cm.put("min", cut(s.minAsString()));
            cm.put("max", cut(s.maxAsString()));
          }
        }
        columns.add(cm);
      }
      g.put("columns", columns);
      groups.add(g);
    }
    doc.put("rowGroups", groups);
    Map<String, Object> kv = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : meta.getKeyValueMetaData().entrySet()) {
      kv.put(e.getKey(), cut(e.getValue()));
    }
    doc.put("keyValueMetadata", kv);
    return doc;
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_VALUE_CHARS ? s
        : s.substring(0, MAX_VALUE_CHARS) + "... (" + s.length() + " characters)";
  }
}
