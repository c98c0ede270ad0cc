package io.lakemr.formats.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.conf.LakemrConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;

/**
 * The lineage a job's Parquet files carry in their key-value metadata, so that where a lake
 * file came from can be read from the file itself ({@code lakemr inspect}, or any Parquet tool):
 * {@value #COMMAND}, {@value #INPUTS}, {@value #FORMAT}, {@value #TABLE}, for array formats
 * {@value #METADATA} (the source file's groups, arrays and attributes), and for an output written
 * from one input file {@value #SOURCE_FILE}. Stored in the job as one JSON object under
 * {@link LakemrConfig#OUTPUT_METADATA}.
 */
public final class OutputMetadata {

  /** The command that wrote the file, e.g. {@code convert}. */
  public static final String COMMAND = "lakemr.source.command";
  /** The input paths as given, a JSON array. */
  public static final String INPUTS = "lakemr.source.inputs";
  /** The input format's name. */
  public static final String FORMAT = "lakemr.source.format";
  /** The table read: its first file and, for array formats, the dataset or array. */
  public static final String TABLE = "lakemr.source.table";
  /** For array formats: the first input file's groups, arrays and attributes, as JSON. */
  public static final String METADATA = "lakemr.source.metadata";
  /** The one input file an output file was written from ({@code convert --per-file}). */
  public static final String SOURCE_FILE = "lakemr.source.file";

  /** Source metadata documents above this many characters are left out, with a note of their size. */
  public static final int MAX_METADATA_CHARS = 256 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputMetadata() {
  }

  /**
   * Stores the lineage of a job's output files.
   *
   * @param metadata the source's own metadata document (may be empty)
   */
  public static void set(Job job, String command, Iterable<String> inputs, String format, String table,
      Map<String, Object> metadata) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      m.put(COMMAND, command);
      m.put(INPUTS, JSON.writeValueAsString(inputs));
      m.put(FORMAT, format);
      m.put(TABLE, table);
      if (!metadata.isEmpty()) {
        String text = JSON.writeValueAsString(metadata);
        m.put(METADATA, text.length() <= MAX_METADATA_CHARS ? text
            : "{\"left out\": \"" + text.length() + " characters, above " + MAX_METADATA_CHARS + "\"}");
      }
      job.getConfiguration().set(LakemrConfig.OUTPUT_METADATA, JSON.writeValueAsString(m));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("lineage of " + inputs + " is not representable as JSON", e);
    }
  }

  /** The lineage stored by {@link #set}, or an empty map. */
  public static Map<String, String> get(Configuration conf) {
    String stored = conf.get(LakemrConfig.OUTPUT_METADATA);
    if (stored == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(stored, new TypeReference<LinkedHashMap<String, String>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(LakemrConfig.OUTPUT_METADATA + " is not a JSON object of strings", e);
    }
  }
}
