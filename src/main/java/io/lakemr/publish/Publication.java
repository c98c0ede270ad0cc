package io.lakemr.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The renames that make a run's staged output visible, written down before the first of them
 * so that, if the client dies halfway, the next run on the output can finish them.
 *
 * <p>The sequence, for an output {@code DIR/NAME} and a run id {@code ID}; every step checks
 * what exists first, so each is safe to repeat:
 * <ol>
 *   <li>write the commit marker {@code DIR/.lakemr-commit-NAME-ID}: the mode and the units to
 *       move. From here on the run is committed: a later run rolls it forward.</li>
 *   <li>{@code error} and {@code overwrite}: rename {@code NAME} to {@code .lakemr-old-NAME-ID}
 *       (when it exists), then {@code .lakemr-staging-NAME-ID} to {@code NAME}. Between the two
 *       renames a reader finds no output; before them the old, after them the new, never a
 *       mix.</li>
 *   <li>{@code overwrite-partitions} and {@code append}: for each unit (a leaf partition
 *       directory, or in append a data file; and the top-level {@code _SUCCESS} and
 *       {@code _lakemr.json}) rename the existing one, if it may be replaced, into
 *       {@code .lakemr-old-NAME-ID/UNIT}, then the staged one into place. A partition is old
 *       or new, never a mix of both.</li>
 *   <li>delete {@code .lakemr-old-NAME-ID}, the staging and scratch directories, and last the
 *       marker.</li>
 * </ol>
 * A unit whose staged copy is gone has been moved; one whose old copy sits in the old
 * directory has been moved aside. Rolling back runs the same checks the other way.
 */
public final class Publication {

  /** Called before each step that changes the file system, with what it does; for tests. */
  public interface StepHook {
    /** Called before a step, with what it does. */
    void before(String step) throws IOException;
  }

  static final String MARKER_PREFIX = ".lakemr-commit-";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One thing moved into the output: a path below it, and whether an existing one is replaced. */
  record Unit(String path, boolean replace) {
  }

  private final FileSystem fs;
  private final RunPaths paths;
  private final OutputTarget.Mode mode;
  private final List<Unit> units;
  private StepHook hook = step -> { };

  private Publication(FileSystem fs, RunPaths paths, OutputTarget.Mode mode, List<Unit> units) {
    this.fs = fs;
    this.paths = paths;
    this.mode = mode;
    this.units = List.copyOf(units);
  }

  /** The publication of a finished run's staging directory, planned from its listing. */
  static Publication plan(FileSystem fs, RunPaths paths, OutputTarget.Mode mode, int partitionDepth)
      throws IOException {
    return plan(fs, paths, mode, partitionDepth, false);
  }

  /**
   * As {@link #plan(FileSystem, RunPaths, OutputTarget.Mode, int)}; with {@code replaceFiles},
   * an appended data file replaces an existing one of its name instead of being refused.
   */
  static Publication plan(FileSystem fs, RunPaths paths, OutputTarget.Mode mode, int partitionDepth,
      boolean replaceFiles) throws IOException {
    List<Unit> units = new ArrayList<>();
    if (mode == OutputTarget.Mode.OVERWRITE_PARTITIONS || mode == OutputTarget.Mode.APPEND) {
      collect(fs, paths.staging(), "", 0, mode, partitionDepth, replaceFiles, units);
    }
    return new Publication(fs, paths, mode, units);
  }

  /** A publication as its marker wrote it down. */
  static Publication read(FileSystem fs, RunPaths paths) throws IOException {
    JsonNode root;
    try (InputStream in = fs.open(paths.marker())) {
      root = JSON.readTree(in);
    }
    List<Unit> units = new ArrayList<>();
    for (JsonNode u : root.path("units")) {
      units.add(new Unit(u.path("path").asText(), u.path("replace").asBoolean()));
    }
    return new Publication(fs, paths, OutputTarget.Mode.parse(root.path("mode").asText()), units);
  }

  Publication withHook(StepHook hook) {
    this.hook = hook;
    return this;
  }

  /**
   * Checks that publishing can succeed before anything moves.
   *
   * @throws IOException when an {@code error}-mode output appeared meanwhile, or an appended
   *     file's name is taken
   */
  void check() throws IOException {
    if (mode == OutputTarget.Mode.ERROR && fs.exists(paths.output())) {
      throw new IOException("output " + paths.output() + " appeared while the job ran; nothing was published");
    }
    for (Unit u : units) {
      if (!u.replace() && fs.exists(new Path(paths.output(), u.path()))) {
        throw new IOException("append: " + new Path(paths.output(), u.path()) + " already exists; nothing was published");
      }
    }
  }

  /** Step 1: writes the commit marker. */
  void writeMarker() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", paths.id());
    root.put("mode", mode.optionName());
    ArrayNode list = root.putArray("units");
    for (Unit u : units) {
      list.addObject().put("path", u.path()).put("replace", u.replace());
    }
    hook.before("write marker");
    try (OutputStream out = fs.create(paths.marker(), true)) {
      out.write(JSON.writeValueAsBytes(root));
    }
  }

  /** Steps 2 or 3: moves everything not yet moved. */
  void rollForward() throws IOException {
    if (units.isEmpty()) {
      swapWhole();
      return;
    }
    for (Unit u : units) {
      Path staged = new Path(paths.staging(), u.path());
      Path target = new Path(paths.output(), u.path());
      Path aside = new Path(paths.old(), u.path());
      if (!fs.exists(staged)) {
        continue;
      }
      if (fs.exists(target)) {
        if (!u.replace() || fs.exists(aside)) {
          throw new IOException("cannot publish " + staged + ": " + target + " exists and may not be replaced");
        }
        rename(target, aside);
      }
      rename(staged, target);
    }
  }

  private void swapWhole() throws IOException {
    Path output = paths.output();
    if (fs.exists(paths.staging())) {
      if (fs.exists(output)) {
        if (fs.exists(paths.old())) {
          throw new IOException("cannot publish: both " + output + " and " + paths.old() + " exist");
        }
        rename(output, paths.old());
      }
      rename(paths.staging(), output);
    } else if (!fs.exists(output) && fs.exists(paths.old())) {
      rename(paths.old(), output);
    }
  }

  /** Undoes the moves made so far, newest first: the output is as it was before step 1. */
  void rollBack() throws IOException {
    if (units.isEmpty()) {
      if (!fs.exists(paths.staging()) && fs.exists(paths.output())) {
        rename(paths.output(), paths.staging());
      }
      if (fs.exists(paths.old()) && !fs.exists(paths.output())) {
        rename(paths.old(), paths.output());
      }
      return;
    }
    for (int i = units.size() - 1; i >= 0; i--) {
      Unit u = units.get(i);
      Path staged = new Path(paths.staging(), u.path());
      Path target = new Path(paths.output(), u.path());
      Path aside = new Path(paths.old(), u.path());
      if (!fs.exists(staged) && fs.exists(target)) {
        rename(target, staged);
      }
      if (fs.exists(aside) && !fs.exists(target)) {
        rename(aside, target);
      }
    }
  }

  /** Step 4: removes what is left of the run, the marker last. */
  void finish() throws IOException {
    delete(paths.old());
    delete(paths.staging());
    delete(paths.scratch());
    delete(paths.marker());
  }

  /** After a roll back: removes the emptied old directory, then the marker. */
  void forget() throws IOException {
    delete(paths.old());
    delete(paths.marker());
  }

  private void rename(Path from, Path to) throws IOException {
    hook.before("rename " + from + " " + to);
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) {
      throw new IOException("could not move " + from + " to " + to);
    }
  }

  private void delete(Path p) throws IOException {
    if (fs.exists(p)) {
      hook.before("delete " + p);
      fs.delete(p, true);
    }
  }

  /**
   * The units of a staging directory: for overwrite-partitions its leaf partition directories,
   * for append every data file; top-level files starting with {@code _} or {@code .}
   * ({@code _SUCCESS}, {@code _lakemr.json}) are replaced in both modes.
   */
  private static void collect(FileSystem fs, Path dir, String rel, int depth, OutputTarget.Mode mode,
      int partitionDepth, boolean replaceFiles, List<Unit> out) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      String path = rel.isEmpty() ? name : rel + "/" + name;
      if (depth == 0 && !s.isDirectory() && (name.startsWith("_") || name.startsWith("."))) {
        out.add(new Unit(path, true));
      } else if (mode == OutputTarget.Mode.OVERWRITE_PARTITIONS && s.isDirectory() && depth + 1 == partitionDepth) {
        out.add(new Unit(path, true));
      } else if (s.isDirectory()) {
        collect(fs, s.getPath(), path, depth + 1, mode, partitionDepth, replaceFiles, out);
      } else {
        out.add(new Unit(path, replaceFiles));
      }
    }
  }
}
