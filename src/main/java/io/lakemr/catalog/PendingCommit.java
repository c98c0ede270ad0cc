package io.lakemr.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * A commit being prepared by a writer: what it adds and removes, based on the snapshot the
 * writer read ({@link #baseVersion()}). {@link TableLog#commit} gives it its number.
 *
 * <p>Made by {@link TableSnapshot#newCommit(Operation)} (which sets the base version and keeps
 * the table's schema and partition columns), or by {@link #create} for a table's first commit.
 * The files to remove are named by their relative paths, as {@link DataFile#path()} has them,
 * and must be live in the base snapshot; added files need paths no live file has (writers use
 * unique file names, so a file removed in this commit is never replaced by one of its name).
 */
public final class PendingCommit {

  private final Operation operation;
  private final long baseVersion;
  private Schema schema;
  private List<String> partitionColumns;
  private final List<DataFile> added = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final List<ConsumedInput> inputs = new ArrayList<>();
  private final Map<String, String> info = new LinkedHashMap<>();

  PendingCommit(Operation operation, long baseVersion, Schema schema, List<String> partitionColumns) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.baseVersion = baseVersion;
    this.schema = schema;
    this.partitionColumns = List.copyOf(partitionColumns);
  }

  /**
   * The first commit of a new table ({@link Operation#CREATE} or {@link Operation#REGISTER}).
   *
   * @param schema an Avro record: data columns, then partition columns
   */
  public static PendingCommit create(Operation operation, Schema schema, List<String> partitionColumns) {
    if (operation != Operation.CREATE && operation != Operation.REGISTER) {
      throw new IllegalArgumentException("a table's first commit is create or register, not " + operation.label());
    }
    return new PendingCommit(operation, 0, Objects.requireNonNull(schema, "schema"), partitionColumns);
  }

  /** Adds a data file. */
  public PendingCommit add(DataFile file) {
    added.add(Objects.requireNonNull(file, "file"));
    return this;
  }

  /** Adds data files. */
  public PendingCommit addAll(List<DataFile> files) {
    files.forEach(this::add);
    return this;
  }

  /** Removes a live file, by its path relative to the table. */
  public PendingCommit remove(String relativePath) {
    removed.add(Objects.requireNonNull(relativePath, "relativePath"));
    return this;
  }

  /** Removes live files. */
  public PendingCommit removeAll(List<DataFile> files) {
    files.forEach(f -> remove(f.path()));
    return this;
  }

  /** Records an input file the job consumed. */
  public PendingCommit consumed(ConsumedInput input) {
    inputs.add(Objects.requireNonNull(input, "input"));
    return this;
  }

  /**
   * Sets the table schema from this commit on; it may only evolve the current one
   * ({@link SchemaEvolution#check}).
   */
  public PendingCommit schema(Schema newSchema) {
    this.schema = Objects.requireNonNull(newSchema, "newSchema");
    return this;
  }

  /** Records a free text entry (the command, a job id). */
  public PendingCommit info(String key, String value) {
    info.put(key, value);
    return this;
  }

  public Operation operation() {
    return operation;
  }

  /** The version the writer read; 0 for a table's first commit. */
  public long baseVersion() {
    return baseVersion;
  }

  public Schema schema() {
    return schema;
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public List<DataFile> added() {
    return List.copyOf(added);
  }

  public List<String> removed() {
    return List.copyOf(removed);
  }

  public List<ConsumedInput> inputs() {
    return List.copyOf(inputs);
  }

  public Map<String, String> info() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(info));
  }

  /** The commit this becomes as version {@code version}. */
  Commit toCommit(long version, long timestamp, String user) {
    return new Commit(version, timestamp, user, operation, schema, partitionColumns, added, removed, inputs,
        info);
  }
}
