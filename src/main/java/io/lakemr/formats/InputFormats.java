package io.lakemr.formats;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.avro.AvroInputDescriptor;
import io.lakemr.formats.csv.CsvInputDescriptor;
import io.lakemr.formats.hdf5.Hdf5InputDescriptor;
import io.lakemr.formats.json.JsonLinesInputDescriptor;
import io.lakemr.formats.parquet.ParquetInputDescriptor;
import io.lakemr.formats.zarr.ZarrInputDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The registry of input formats: one line per format in {@link #ALL}, and the rules that pick
 * a format by name, by file names, or by a file's leading bytes.
 */
public final class InputFormats {

  /**
   * Every input format lakemr reads, the default (for an input with no files) first. Adding a
   * format adds one line here.
   */
  public static final List<InputFormatDescriptor> ALL = List.of(
      new ParquetInputDescriptor(),
      new Hdf5InputDescriptor(),
      new ZarrInputDescriptor(),
      new CsvInputDescriptor(),
      new JsonLinesInputDescriptor(),
      new AvroInputDescriptor());

  private InputFormats() {
  }

  /** The registered names, in registry order. */
  public static List<String> names() {
    return ALL.stream().map(InputFormatDescriptor::name).toList();
  }

  /**
   * The format {@code --format} names, ignoring case and surrounding blanks.
   *
   * @throws BadInputException listing the registered names for an unknown one
   */
  public static InputFormatDescriptor byName(String given) {
    String wanted = given == null ? "" : given.trim().toLowerCase(Locale.ROOT);
    for (InputFormatDescriptor f : ALL) {
      if (f.name().equals(wanted)) {
        return f;
      }
    }
    throw new BadInputException("--format: unknown input format '" + given + "' (known: "
        + String.join(", ", names()) + ")");
  }

  /** The format a file name's ending says, or null when none does. */
  public static InputFormatDescriptor byFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (InputFormatDescriptor f : ALL) {
      if (f.suffixes().stream().anyMatch(n::endsWith)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The format of a listed input from what every file name says, and for a directory listed
   * as one input (a Zarr store) from the format that claims it; the first registered format
   * when there are no files.
   *
   * @throws BadInputException for a name no format claims, or names of different formats
   * @throws UncheckedIOException when the file system fails
   */
  public static InputFormatDescriptor fromFileNames(Configuration conf, InputFiles files) {
    InputFormatDescriptor found = null;
    InputFile foundIn = null;
    for (InputFile file : files.files()) {
      InputFormatDescriptor f = byFileName(file.path().getName());
      if (f == null && file.status().isDirectory()) {
        try {
          f = claimant(ALL, file.path().getFileSystem(conf), file.status());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
      }
      if (f == null) {
        throw new BadInputException("cannot tell the format of " + file.path()
            + " from its name; give --format " + String.join(" or --format ", names()));
      }
      if (found != null && found != f) {
        throw new BadInputException("the input mixes formats: " + foundIn.path() + " is " + found.name()
            + " but " + file.path() + " is " + f.name() + "; read one format at a time (--format)");
      }
      found = f;
      foundIn = file;
    }
    return found == null ? ALL.get(0) : found;
  }

  /**
   * The format of one file by its leading bytes ({@link InputFormatDescriptor#magic()}), else
   * by its name; null when neither says. A directory claimed by a format is that format.
   */
  public static InputFormatDescriptor detect(Configuration conf, InputFile file) throws IOException {
    FileSystem fs = file.path().getFileSystem(conf);
    if (file.status().isDirectory()) {
      return claimant(ALL, fs, file.status());
    }
    int headLength = ALL.stream().mapToInt(f -> f.magic().length).max().orElse(0);
    if (headLength > 0 && file.length() >= headLength) {
      byte[] head = new byte[headLength];
      try (FSDataInputStream in = fs.open(file.path())) {
        in.readFully(0, head);
      }
      for (InputFormatDescriptor f : ALL) {
        byte[] magic = f.magic();
        if (magic.length > 0 && Arrays.equals(head, 0, magic.length, magic, 0, magic.length)) {
          return f;
        }
      }
    }
    return byFileName(file.path().getName());
  }

  /**
   * The first of some formats that claims a directory as one input, or null, deciding from the
   * directory's listed children where a format can.
   */
  public static InputFormatDescriptor claimant(List<InputFormatDescriptor> formats, FileSystem fs,
      FileStatus dir, List<? extends FileStatus> children) throws IOException {
    for (InputFormatDescriptor f : formats) {
      if (f.claimsDirectory(fs, dir, children)) {
        return f;
      }
    }
    return null;
  }

  /** The first of some formats that claims a directory as one input, or null. */
  public static InputFormatDescriptor claimant(List<InputFormatDescriptor> formats, FileSystem fs,
      FileStatus dir) throws IOException {
    for (InputFormatDescriptor f : formats) {
      if (f.claimsDirectory(fs, dir)) {
        return f;
      }
    }
    return null;
  }

  /** Every option some registered format takes, in registry order. */
  public static Set<String> optionNames() {
    Set<String> all = new LinkedHashSet<>();
    for (InputFormatDescriptor f : ALL) {
      all.addAll(f.options());
    }
    return all;
  }

  /** The display names of the formats that take an option, joined with "or". */
  public static String formatsTaking(String option) {
    List<String> takers = new ArrayList<>();
    for (InputFormatDescriptor f : ALL) {
      if (f.options().contains(option)) {
        takers.add(f.displayName());
      }
    }
    return String.join(" or ", takers);
  }
}
