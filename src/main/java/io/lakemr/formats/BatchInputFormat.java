package io.lakemr.formats;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.StringUtils;

/**
 * What every lakemr input format shares: it hands mappers batches of rows, and takes its input
 * paths, the columns to read and the batch size through these typed settings.
 */
public abstract class BatchInputFormat extends InputFormat<NullWritable, VectorizedRowBatch> {

  /**
   * Sets the input paths (files, directories or globs), each escaped as {@code FileInputFormat}
   * escapes them, so a glob's {@code {a,b}} keeps its comma.
   */
  public static void setInputPaths(Job job, List<String> paths) {
    List<String> escaped = new ArrayList<>(paths.size());
    for (String p : paths) {
      if (p.isEmpty()) {
        throw new BadInputException("input path '" + p + "' is empty");
      }
      escaped.add(StringUtils.escapeString(p));
    }
    job.getConfiguration().set(LakemrConfig.INPUT_PATHS, String.join(",", escaped));
  }

  /** The input paths; none when unset. */
  public static List<String> getInputPaths(Configuration conf) {
    String joined = conf.get(LakemrConfig.INPUT_PATHS, "");
    if (joined.isEmpty()) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (String p : StringUtils.split(joined)) {
      paths.add(StringUtils.unEscapeString(p));
    }
    return paths;
  }

  /**
   * Sets the columns to read, in batch order: a flat record schema whose fields are file
   * columns or partition columns.
   */
  public static void setReadSchema(Job job, Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new BadInputException("read schema must be a record, not " + schema.getType());
    }
    for (Schema.Field f : schema.getFields()) {
      try {
        ColumnType.of(f.schema());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("read schema field " + f.name() + ": " + e.getMessage(), e);
      }
    }
    job.getConfiguration().set(LakemrConfig.INPUT_READ_SCHEMA, schema.toString());
  }

  /** The columns to read; an empty record (no columns, row counts only) when unset. */
  public static Schema getReadSchema(Configuration conf) {
    String json = conf.get(LakemrConfig.INPUT_READ_SCHEMA);
    if (json == null || json.isEmpty()) {
      return Schema.createRecord("row", null, "io.lakemr", false, new ArrayList<>());
    }
    return Schemas.parse(json);
  }

  /** Rows per batch. */
  public static int getBatchRows(Configuration conf) {
    int rows = conf.getInt(LakemrConfig.BATCH_ROWS, LakemrConfig.BATCH_ROWS_DEFAULT);
    if (rows < 1) {
      throw new BadInputException(LakemrConfig.BATCH_ROWS + " must be at least 1, not " + rows);
    }
    return rows;
  }
}
