package io.lakemr.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * A job's input files written down instead of found by listing: each file's path, length,
 * modification time and partition values, and the partition column names. A job whose files
 * come from a table's log gets one ({@link #set}); {@link InputFiles#list} then reads it and
 * asks the file system nothing, however many files and partitions there are.
 *
 * <p>The files carry no block locations, so their splits carry no host hints.
 *
 * <p>The manifest is JSON: {@code {"partition_columns": [...], "files": [{"path", "length",
 * "modified", "block_size", "values": [...]}, ...]}}, a null value for Hive's default partition.
 */
public final class InputManifest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private InputManifest() {
  }

  /** Writes {@code files} to {@code manifest} and makes the job read its input from it. */
  public static void set(Job job, Path manifest, InputFiles files) throws IOException {
    write(job.getConfiguration(), manifest, files);
    job.getConfiguration().set(LakemrConfig.INPUT_MANIFEST, manifest.toString());
  }

  /**
   * Writes {@code files} to a temporary local file, deleted when this JVM exits, and makes the
   * job read its input from it: for a manifest only the client reads, while it plans splits.
   */
  public static void setTemporary(Job job, InputFiles files) throws IOException {
    File manifest = File.createTempFile("lakemr-input-", ".json");
    manifest.deleteOnExit();
    new File(manifest.getParentFile(), "." + manifest.getName() + ".crc").deleteOnExit();
    set(job, new Path(manifest.toURI()), files);
  }

  /** Writes the manifest of {@code files}, replacing any file there. */
  public static void write(Configuration conf, Path manifest, InputFiles files) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode keys = root.putArray("partition_columns");
    files.partitionColumns().forEach(keys::add);
    ArrayNode list = root.putArray("files");
    for (InputFile f : files.files()) {
      ObjectNode o = list.addObject();
      o.put("path", f.path().toString());
      o.put("length", f.length());
      o.put("modified", f.status().getModificationTime());
      o.put("block_size", f.status().getBlockSize());
      ArrayNode values = o.putArray("values");
      f.partitionValues().forEach(values::add);
    }
    FileSystem fs = manifest.getFileSystem(conf);
    try (OutputStream out = fs.create(manifest, true)) {
      JSON.writeValue(out, root);
    }
  }

  /**
   * The files a manifest lists.
   *
   * @throws BadInputException when the manifest is not one
   */
  public static InputFiles read(Configuration conf, Path manifest) throws IOException {
    JsonNode root;
    try (InputStream in = manifest.getFileSystem(conf).open(manifest)) {
      root = JSON.readTree(in);
    }
    if (root == null || !root.path("files").isArray() || !root.path("partition_columns").isArray()) {
      throw new BadInputException(manifest + ": not an input manifest (no files and partition_columns)");
    }
    List<String> keys = new ArrayList<>();
    root.get("partition_columns").forEach(k -> keys.add(k.asText()));
    List<InputFile> files = new ArrayList<>();
    for (JsonNode f : root.get("files")) {
      List<String> values = new ArrayList<>();
      f.path("values").forEach(v -> values.add(v.isNull() ? null : v.asText()));
      if (values.size() != keys.size()) {
        throw new BadInputException(manifest + ": " + f.path("path").asText() + " has " + values.size()
            + " partition values for " + keys.size() + " partition columns");
      }
      FileStatus status = new FileStatus(f.path("length").asLong(), false, 1, f.path("block_size").asLong(),
          f.path("modified").asLong(), new Path(f.path("path").asText()));
      files.add(new InputFile(status, values));
    }
    return InputFiles.of(keys, files);
  }
}
