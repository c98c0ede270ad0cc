package io.lakemr.formats.text;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;

/** Typed settings the CSV and JSON Lines input formats share. */
public final class TextSettings {

  /** Longest line by default: {@value} bytes (16 MiB). */
  public static final int MAX_LINE_BYTES_DEFAULT = 16 << 20;

  private TextSettings() {
  }

  /** Sets the table's file columns, as the client resolved them. */
  public static void setTableColumns(Job job, List<Column> columns) {
    job.getConfiguration().set(LakemrConfig.TEXT_TABLE_SCHEMA, Schemas.record("table", columns).toString());
  }

  /** The table's file columns; none when unset. */
  public static List<Column> getTableColumns(Configuration conf) {
    String json = conf.get(LakemrConfig.TEXT_TABLE_SCHEMA);
    return json == null ? List.of() : Schemas.columns(Schemas.parse(json));
  }

  public static void setMaxLineBytes(Job job, int bytes) {
    job.getConfiguration().setInt(LakemrConfig.MAX_LINE_BYTES, bytes);
  }

  public static int getMaxLineBytes(Configuration conf) {
    return conf.getInt(LakemrConfig.MAX_LINE_BYTES, MAX_LINE_BYTES_DEFAULT);
  }

  /** Sets the timestamp pattern; null or empty for ISO 8601. */
  public static void setTimestampFormat(Job job, String pattern) {
    if (pattern != null && !pattern.isEmpty()) {
      job.getConfiguration().set(LakemrConfig.TEXT_TIMESTAMP_FORMAT, pattern);
    }
  }

  /** The timestamp pattern, or null for ISO 8601. */
  public static String getTimestampFormat(Configuration conf) {
    String v = conf.get(LakemrConfig.TEXT_TIMESTAMP_FORMAT);
    return v == null || v.isEmpty() ? null : v;
  }
}
