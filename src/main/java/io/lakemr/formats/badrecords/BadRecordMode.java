package io.lakemr.formats.badrecords;

import java.util.Locale;

/** What a reader does with a record it cannot read. */
public enum BadRecordMode {
  /** The task fails with one line naming the file, the line or byte offset, the column and the reason. */
  FAIL,
  /** The record is counted ({@code RECORDS_BAD}) and left out. */
  SKIP,
  /** As {@link #SKIP}, and the record is handed to a sink that keeps it beside the output. */
  QUARANTINE;

  /** The mode named {@code fail}, {@code skip} or {@code quarantine}. */
  public static BadRecordMode parse(String name) {
    for (BadRecordMode m : values()) {
      if (m.name().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("bad-records mode '" + name + "' is not fail, skip or quarantine");
  }

  /** The name the option takes. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
