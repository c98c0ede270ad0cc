package io.lakemr.drivers;

import io.lakemr.catalog.ConsumedInput;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an incremental run reads: the input files the table's log does not record as consumed.
 * A recorded file that changed (length or modification time) or is no longer among the inputs
 * stops the run, since merging would then give what no full run gives; a full refresh reads
 * everything and records it anew.
 *
 * @param read the files to read
 * @param consumed the records of {@code read} for the commit
 * @param full whether the run rewrites the whole table: a full refresh, or the first run
 */
record IncrementalInputs(InputFiles read, List<ConsumedInput> consumed, boolean full) {

  /**
   * Compares the listed inputs with what the table's commits consumed.
   *
   * @param listed every file the inputs hold
   * @param kept those the filter does not prune, the only ones a run reads
   * @param fullRefresh read and record all of {@code kept}
   * @throws BadInputException naming a consumed file that changed or is gone, unless
   *     {@code fullRefresh}
   */
  static IncrementalInputs of(String table, TableSnapshot base, InputFiles listed, InputFiles kept,
      boolean fullRefresh) {
    Map<String, ConsumedInput> recorded = fullRefresh ? Map.of() : base.consumedInputs();
    Map<String, InputFile> byPath = new HashMap<>();
    for (InputFile f : listed.files()) {
      byPath.put(f.path().toString(), f);
    }
    for (ConsumedInput c : recorded.values()) {
      InputFile now = byPath.get(c.path());
      if (now == null) {
        throw new BadInputException(c.path() + " was read by an earlier run of " + table
            + " but is no longer among the inputs: give --full-refresh to recompute without it");
      }
      if (now.length() != c.length() || now.status().getModificationTime() != c.modificationTime()) {
        throw new BadInputException(c.path() + " changed since an earlier run of " + table + " read it ("
            + c.length() + " bytes then, " + now.length() + " now): give --full-refresh to recompute");
      }
    }
    List<InputFile> read = new ArrayList<>();
    List<ConsumedInput> consumed = new ArrayList<>();
    for (InputFile f : kept.files()) {
      String path = f.path().toString();
      if (!recorded.containsKey(path)) {
        read.add(f);
        consumed.add(new ConsumedInput(path, f.length(), f.status().getModificationTime()));
      }
    }
    return new IncrementalInputs(kept.withFiles(read), consumed, fullRefresh || base.consumedInputs().isEmpty());
  }

  /** Whether there is nothing new to read. */
  boolean isEmpty() {
    return read.isEmpty() && !full;
  }
}
