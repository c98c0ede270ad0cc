package io.lakemr.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** A table's state while its log is replayed: the live files and the latest schema. */
final class TableState {

  long version;
  long timestamp;
  Schema schema;
  List<String> partitionColumns = List.of();
  final Map<String, DataFile> files = new LinkedHashMap<>();
  final Map<String, ConsumedInput> inputs = new LinkedHashMap<>();

  /** A copy that applying commits to leaves this one as it is. */
  TableState copy() {
    TableState c = new TableState();
    c.version = version;
    c.timestamp = timestamp;
    c.schema = schema;
    c.partitionColumns = partitionColumns;
    c.files.putAll(files);
    c.inputs.putAll(inputs);
    return c;
  }

  /** Applies the next commit. */
  void apply(Commit c) {
    if (c.version() != version + 1) {
      throw new IllegalStateException("commit " + c.version() + " applied after " + version);
    }
    for (String removed : c.removed()) {
      files.remove(removed);
    }
    for (DataFile added : c.added()) {
      files.put(added.path(), added);
    }
    if (c.operation() == Operation.OVERWRITE) {
      inputs.clear(); // a rewrite of everything consumed only what it records
    }
    for (ConsumedInput in : c.inputs()) {
      inputs.put(in.path(), in);
    }
    version = c.version();
    timestamp = c.timestamp();
    schema = c.schema();
    partitionColumns = c.partitionColumns();
  }
}
