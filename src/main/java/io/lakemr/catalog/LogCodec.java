package io.lakemr.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/** The JSON form of commits and checkpoints. */
final class LogCodec {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LogCodec() {
  }

  static byte[] writeCommit(Commit c) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", c.version());
    root.put("timestamp", c.timestamp());
    root.put("user", c.user());
    root.put("operation", c.operation().label());
    root.set("schema", JSON.readTree(c.schema().toString()));
    stringArray(root.putArray("partitionColumns"), c.partitionColumns());
    ArrayNode added = root.putArray("added");
    c.added().forEach(f -> writeFile(added.addObject(), f));
    stringArray(root.putArray("removed"), c.removed());
    ArrayNode inputs = root.putArray("inputs");
    c.inputs().forEach(i -> writeInput(inputs.addObject(), i));
    ObjectNode info = root.putObject("info");
    c.info().forEach(info::put);
    return JSON.writeValueAsBytes(root);
  }

  static Commit readCommit(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    List<DataFile> added = new ArrayList<>();
    root.path("added").forEach(n -> added.add(readFile(n)));
    List<ConsumedInput> inputs = new ArrayList<>();
    root.path("inputs").forEach(n -> inputs.add(readInput(n)));
    Map<String, String> info = new LinkedHashMap<>();
    root.path("info").fields().forEachRemaining(e -> info.put(e.getKey(), e.getValue().asText()));
    return new Commit(required(root, "version").asLong(), required(root, "timestamp").asLong(),
        root.path("user").asText(""), Operation.parse(required(root, "operation").asText()),
        schema(required(root, "schema")), strings(root.path("partitionColumns")), added,
        strings(root.path("removed")), inputs, info);
  }

  static byte[] writeCheckpoint(TableState s) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", s.version);
    root.put("timestamp", s.timestamp);
    root.set("schema", JSON.readTree(s.schema.toString()));
    stringArray(root.putArray("partitionColumns"), s.partitionColumns);
    ArrayNode files = root.putArray("files");
    s.files.values().forEach(f -> writeFile(files.addObject(), f));
    ArrayNode inputs = root.putArray("inputs");
    s.inputs.values().forEach(i -> writeInput(inputs.addObject(), i));
    return JSON.writeValueAsBytes(root);
  }

  static TableState readCheckpoint(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    TableState s = new TableState();
    s.version = required(root, "version").asLong();
    s.timestamp = required(root, "timestamp").asLong();
    s.schema = schema(required(root, "schema"));
    s.partitionColumns = strings(root.path("partitionColumns"));
    for (JsonNode n : required(root, "files")) {
      DataFile f = readFile(n);
      s.files.put(f.path(), f);
    }
    for (JsonNode n : root.path("inputs")) {
      ConsumedInput in = readInput(n);
      s.inputs.put(in.path(), in);
    }
    return s;
  }

  private static void writeFile(ObjectNode n, DataFile f) {
    n.put("path", f.path());
    ObjectNode partition = n.putObject("partition");
    f.partition().forEach(partition::put);
    n.put("rows", f.rows());
    n.put("bytes", f.bytes());
    if (!f.columnStats().isEmpty()) {
      ObjectNode stats = n.putObject("stats");
      f.columnStats().forEach((column, st) -> stats.set(column, JSON.valueToTree(st)));
    }
  }

  private static DataFile readFile(JsonNode n) {
    Map<String, String> partition = new LinkedHashMap<>();
    n.path("partition").fields().forEachRemaining(e -> partition.put(e.getKey(),
        e.getValue().isNull() ? null : e.getValue().asText()));
    Map<String, ColumnStats> stats = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("stats").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      stats.put(e.getKey(), new ColumnStats(value(s.path("min")), value(s.path("max")),
          s.path("nullCount").isNumber() ? s.path("nullCount").asLong() : null));
    }
    return new DataFile(required(n, "path").asText(), partition, n.path("rows").asLong(-1),
        n.path("bytes").asLong(0), stats);
  }

  private static Object value(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.asText();
  }

  private static void writeInput(ObjectNode n, ConsumedInput in) {
    n.put("path", in.path());
    n.put("length", in.length());
    n.put("modificationTime", in.modificationTime());
  }

  private static ConsumedInput readInput(JsonNode n) {
    return new ConsumedInput(required(n, "path").asText(), n.path("length").asLong(),
        n.path("modificationTime").asLong());
  }

  private static Schema schema(JsonNode n) {
    return new Schema.Parser().parse(n.toString());
  }

  private static void stringArray(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static JsonNode required(JsonNode n, String field) throws IllegalArgumentException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("no '" + field + "' entry");
    }
    return v;
  }
}
