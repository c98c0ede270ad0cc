package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Zarr array metadata: v2 {@code .zarray} (with {@code .zattrs}) and v3 {@code zarr.json},
 * including v3 codec chains with {@code transpose}, {@code bytes} and {@code sharding_indexed}.
 * Every problem is an {@link IllegalArgumentException} saying what is wrong; the caller adds
 * the store and the key.
 */
public final class ZarrMetadata {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ZarrMetadata() {
  }

  /** Parses JSON text. */
  public static JsonNode json(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("malformed JSON metadata: not an object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON metadata: " + e.getMessage().split("\n")[0], e);
    }
  }

  /** A JSON tree as plain maps, lists, strings, numbers and booleans. */
  public static Object plain(JsonNode n) {
    return n == null ? null : JSON.convertValue(n, Object.class);
  }

  /** An array's v2 metadata. */
  public static ZarrArrayMeta v2(String path, JsonNode zarray, JsonNode zattrs) {
    if (zarray.path("zarr_format").asInt() != 2) {
      throw new IllegalArgumentException("zarr_format " + zarray.path("zarr_format") + " in .zarray, expected 2");
    }
    long[] shape = longs(zarray, "shape");
    int[] chunks = ints(zarray, "chunks", shape.length);
    ZarrDataType dtype = ZarrDataType.parseV2(zarray.get("dtype"));
    List<ZarrCodec> codecs = new ArrayList<>();
    JsonNode filters = zarray.path("filters");
    if (filters.isArray()) {
      for (JsonNode f : filters) {
        codecs.add(ZarrCodecs.v2(f));
      }
    }
    JsonNode compressor = zarray.path("compressor");
    if (compressor.isObject()) {
      codecs.add(ZarrCodecs.v2(compressor));
    }
    String order = zarray.path("order").asText("C");
    if (!order.equals("C") && !order.equals("F")) {
      throw new IllegalArgumentException("order " + order + " is neither C nor F");
    }
    int[] transpose = order.equals("F") && shape.length > 1 ? reversed(shape.length) : null;
    String sep = zarray.path("dimension_separator").asText(".");
    if (!sep.equals(".") && !sep.equals("/")) {
      throw new IllegalArgumentException("dimension_separator " + sep + " is neither . nor /");
    }
    JsonNode fillJson = zarray.get("fill_value");
    byte[] fill = ZarrFillValue.encode(fillJson, dtype);
    return new ZarrArrayMeta(path, 2, shape, chunks, dtype, fill, fillJson,
        new ZarrCodecChain(transpose, codecs, null, false), "", sep, zattrs == null ? empty() : zattrs);
  }

  /** An array's v3 metadata (a {@code zarr.json} whose node_type is array). */
  public static ZarrArrayMeta v3(String path, JsonNode meta) {
    long[] shape = longs(meta, "shape");
    JsonNode grid = meta.path("chunk_grid");
    if (!grid.path("name").asText().equals("regular")) {
      throw new IllegalArgumentException("chunk_grid " + grid.path("name").asText(grid.toString())
          + " is not supported (only regular)");
    }
    int[] chunks = ints(grid.path("configuration"), "chunk_shape", shape.length);
    JsonNode transformers = meta.path("storage_transformers");
    if (transformers.isArray() && transformers.size() > 0) {
      throw new IllegalArgumentException("storage_transformers " + transformers + " are not supported");
    }
    Parsed parsed = chain(meta.path("codecs"), chunks);
    ZarrDataType dtype = ZarrDataType.parseV3(meta.get("data_type"), parsed.order);
    ZarrCodecChain chunkChain = parsed.chain.sharding() != null ? parsed.chain.sharding().inner() : parsed.chain;
    if (dtype.isVariableLength() != chunkChain.vlen()) {
      throw new IllegalArgumentException("data_type " + dtype.name() + (dtype.isVariableLength()
          ? " needs a vlen-utf8 or vlen-bytes codec" : " cannot be encoded by vlen-utf8 or vlen-bytes"));
    }
    JsonNode enc = meta.path("chunk_key_encoding");
    String encName = enc.path("name").asText("default");
    String prefix;
    String sep;
    if (encName.equals("default")) {
      prefix = "c";
      sep = enc.path("configuration").path("separator").asText("/");
    } else if (encName.equals("v2")) {
      prefix = "";
      sep = enc.path("configuration").path("separator").asText(".");
    } else {
      throw new IllegalArgumentException("chunk_key_encoding " + encName + " is not supported");
    }
    if (!sep.equals(".") && !sep.equals("/")) {
      throw new IllegalArgumentException("chunk key separator " + sep + " is neither . nor /");
    }
    JsonNode fillJson = meta.get("fill_value");
    byte[] fill = ZarrFillValue.encode(fillJson, dtype);
    JsonNode attrs = meta.path("attributes");
    return new ZarrArrayMeta(path, 3, shape, chunks, dtype, fill, fillJson, parsed.chain, prefix, sep,
        attrs.isObject() ? attrs : empty());
  }

  /** A v3 codec chain and the byte order of its {@code bytes} codec. */
  private record Parsed(ZarrCodecChain chain, ByteOrder order, int checksums) {
  }

  private static Parsed chain(JsonNode codecs, int[] chunkShape) {
    if (!codecs.isArray() || codecs.isEmpty()) {
      throw new IllegalArgumentException("codecs " + codecs + " is not a list of codecs");
    }
    int[] transpose = null;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    ZarrSharding sharding = null;
    boolean arrayToBytes = false;
    boolean vlen = false;
    List<ZarrCodec> bytesCodecs = new ArrayList<>();
    int checksums = 0;
    for (JsonNode c : codecs) {
      String name = c.path("name").asText("");
      JsonNode conf = c.path("configuration");
      if (!arrayToBytes && name.equals("transpose")) {
        transpose = compose(transpose, transposeOrder(conf.path("order"), chunkShape.length));
      } else if (!arrayToBytes && name.equals("bytes")) {
        arrayToBytes = true;
        order = conf.path("endian").asText("little").equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      } else if (!arrayToBytes && (name.equals("vlen-utf8") || name.equals("vlen-bytes"))) {
        arrayToBytes = true;
        vlen = true;
      } else if (!arrayToBytes && name.equals("sharding_indexed")) {
        arrayToBytes = true;
        if (transpose != null) {
          throw new IllegalArgumentException("transpose before sharding_indexed is not supported");
        }
        Parsed sharded = sharding(conf, chunkShape);
        sharding = sharded.chain.sharding();
        order = sharded.order;
      } else if (arrayToBytes) {
        bytesCodecs.add(ZarrCodecs.v3(c));
        checksums += name.equals("crc32c") ? 1 : 0;
      } else {
        throw new IllegalArgumentException("codec " + (name.isEmpty() ? c.toString() : name)
            + " is not supported");
      }
    }
    if (!arrayToBytes) {
      throw new IllegalArgumentException("codecs " + codecs + " have no bytes codec");
    }
    return new Parsed(new ZarrCodecChain(transpose, bytesCodecs, sharding, vlen), order, checksums);
  }

  /** A {@code sharding_indexed} configuration, with the byte order of its inner chunks. */
  private static Parsed sharding(JsonNode conf, int[] chunkShape) {
    int[] inner = ints(conf, "chunk_shape", chunkShape.length);
    for (int k = 0; k < inner.length; k++) {
      if (chunkShape[k] % inner[k] != 0) {
        throw new IllegalArgumentException("sharding_indexed chunk_shape " + conf.path("chunk_shape")
            + " does not divide the shard shape");
      }
    }
    Parsed in = chain(conf.path("codecs"), inner);
    Parsed index = chain(conf.path("index_codecs"), new int[] {1});
    if (in.chain.sharding() != null) {
      throw new IllegalArgumentException("nested sharding_indexed is not supported");
    }
    String location = conf.path("index_location").asText("end");
    if (!location.equals("end") && !location.equals("start")) {
      throw new IllegalArgumentException("index_location " + location + " is neither start nor end");
    }
    if (index.order != ByteOrder.LITTLE_ENDIAN || index.chain.transpose() != null
        || index.checksums != index.chain.codecs().size()) {
      throw new IllegalArgumentException("index_codecs " + conf.path("index_codecs") + " are not supported");
    }
    ZarrSharding sharding = new ZarrSharding(inner, in.chain, index.chain, location.equals("start"), index.checksums);
    return new Parsed(new ZarrCodecChain(null, List.of(), sharding, false), in.order, 0);
  }

  private static int[] transposeOrder(JsonNode order, int rank) {
    if (order.isTextual()) {
      return order.asText().equals("F") ? reversed(rank) : null;
    }
    int[] o = new int[order.size()];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < o.length; i++) {
      o[i] = order.get(i).asInt(-1);
      if (o.length != rank || o[i] < 0 || o[i] >= rank || seen[o[i]]) {
        throw new IllegalArgumentException("transpose order " + order + " is not a permutation of " + rank + " axes");
      }
      seen[o[i]] = true;
    }
    return o;
  }

  /** Applying {@code first} then {@code second}: stored axis i is chunk axis first[second[i]]. */
  private static int[] compose(int[] first, int[] second) {
    if (second == null) {
      return first;
    }
    if (first == null) {
      return second;
    }
    int[] out = new int[second.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = first[second[i]];
    }
    return out;
  }

  static int[] reversed(int rank) {
    int[] o = new int[rank];
    for (int i = 0; i < rank; i++) {
      o[i] = rank - 1 - i;
    }
    return o;
  }

  private static long[] longs(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException(field + " is missing or not a list");
    }
    long[] out = new long[n.size()];
    for (int i = 0; i < out.length; i++) {
      if (!n.get(i).canConvertToLong() || n.get(i).asLong() < 0) {
        throw new IllegalArgumentException(field + " " + n + " is not a list of sizes");
      }
      out[i] = n.get(i).asLong();
    }
    return out;
  }

  private static int[] ints(JsonNode parent, String field, int rank) {
    long[] l = longs(parent, field);
    if (l.length != rank) {
      throw new IllegalArgumentException(field + " " + parent.get(field) + " has " + l.length
          + " dimensions, the shape has " + rank);
    }
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] <= 0 || l[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(field + " " + parent.get(field) + " is not a list of positive sizes");
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  static JsonNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }
}
