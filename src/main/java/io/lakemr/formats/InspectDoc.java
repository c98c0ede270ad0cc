package io.lakemr.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading back the parts of an {@code inspect} document, for the printers that show it. */
public final class InspectDoc {

  private InspectDoc() {
  }

  /** A part that is a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  /** A part that is a JSON array, each element as a string. */
  public static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : (List<?>) o) {
      out.add(String.valueOf(x));
    }
    return out;
  }
}
