package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One node of a Zarr hierarchy: a group, an array, or a folder that is neither (its metadata is
 * missing or unreadable, with the reason).
 *
 * @param path the node's path in the store, {@code ""} for the root
 * @param kind what it is
 * @param attributes the user attributes (an object node, maybe empty)
 * @param array the array's metadata, for an array
 * @param problem why the node cannot be read, for {@link Kind#BROKEN}
 */
public record ZarrNode(String path, Kind kind, JsonNode attributes, ZarrArrayMeta array, String problem) {

  /** What a node is. */
  public enum Kind {
    GROUP, ARRAY, BROKEN
  }

  /** The path for messages: {@code /} for the root, else {@code /a/b}. */
  public String display() {
    return "/" + path;
  }
}
