package io.lakemr.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One numbered commit of a table's log, as stored in {@code _lakemr_log/NNNNNNNNNNNNNNNNNNNN.json}.
 *
 * @param version its number, from 1
 * @param timestamp when it was committed, epoch milliseconds (never before the previous commit's)
 * @param user who committed it (the Hadoop user)
 * @param operation what it does
 * @param schema the table's schema from this commit on: an Avro record whose fields are the
 *     data columns, then the partition columns
 * @param partitionColumns the partition columns, outermost first
 * @param added the files it adds
 * @param removed the paths, relative to the table, of the files it removes
 * @param inputs the input files its job consumed (for incremental runs); often empty
 * @param info free text entries (the command, the job id, ...)
 */
public record Commit(long version, long timestamp, String user, Operation operation, Schema schema,
    List<String> partitionColumns, List<DataFile> added, List<String> removed, List<ConsumedInput> inputs,
    Map<String, String> info) {

  public Commit {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(schema, "schema");
    partitionColumns = List.copyOf(partitionColumns);
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    inputs = List.copyOf(inputs);
    info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
  }

  /** Rows the commit adds, counting a file of unknown rows as none. */
  public long addedRows() {
    return added.stream().mapToLong(f -> Math.max(0, f.rows())).sum();
  }

  /** Bytes the commit adds. */
  public long addedBytes() {
    return added.stream().mapToLong(DataFile::bytes).sum();
  }
}
