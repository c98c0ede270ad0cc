package io.lakemr.formats;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Everything lakemr knows about one input format, in one place: how it is named and
 * recognised, the command-line options it takes, how its input is opened on the client, and
 * how a file of it is inspected. Each format has one descriptor in its own package, listed
 * once in {@link InputFormats#ALL}; no other part of lakemr names a format.
 *
 * <p>Recognition, used when {@code --format} is left out: a file whose name ends with one of
 * {@link #suffixes()} is of this format when jobs list their input; {@code inspect} first
 * compares the file's leading bytes with {@link #magic()}. A format whose input unit is a
 * directory (a Zarr store) says so in {@link #claimsDirectory}: the listing then keeps that
 * directory as one {@link InputFile}, without descending into it.
 */
public interface InputFormatDescriptor {

  /** The name {@code --format} takes, lower case, e.g. {@code parquet}. */
  String name();

  /** The name in messages, e.g. {@code Parquet}. */
  String displayName();

  /** File name endings, lower case with the dot (e.g. {@code .parquet}); empty for none. */
  List<String> suffixes();

  /** The bytes every file of this format starts with; empty when there are none. */
  default byte[] magic() {
    return new byte[0];
  }

  /**
   * Whether a directory is one input of this format (a Zarr store), to be listed as a single
   * {@link InputFile} whose contents, dot-files included, belong to it. False by default.
   *
   * @param fs the directory's file system
   * @param dir the directory's status
   */
  default boolean claimsDirectory(FileSystem fs, FileStatus dir) throws IOException {
    return false;
  }

  /**
   * {@link #claimsDirectory(FileSystem, FileStatus)} for a directory whose children the caller
   * has listed already (hidden ones included), so that a format can decide from their names
   * without asking the file system again. By default, asks the file system.
   *
   * @param children the directory's children, as listed
   */
  default boolean claimsDirectory(FileSystem fs, FileStatus dir, List<? extends FileStatus> children)
      throws IOException {
    return claimsDirectory(fs, dir);
  }

  /**
   * The reading options this format takes, without the leading {@code --}, e.g.
   * {@code dataset}. A command refuses such an option, by name, when the input is of another
   * format.
   */
  default Set<String> options() {
    return Set.of();
  }

  /** Usage lines for {@link #options()}, as commands list them; empty when none. */
  default List<String> optionUsage() {
    return List.of();
  }

  /** Usage lines telling what {@code inspect} shows of a file of this format. */
  default List<String> inspectUsage() {
    return List.of();
  }

  /**
   * Opens an input of this format on the client: checks the files and reads the table
   * schema from metadata only.
   *
   * @param files the listed input, possibly empty
   * @param options the values of {@link #options()} given on the command line
   * @throws io.lakemr.conf.BadInputException when an option or a file is not what this format
   *     can read
   */
  InputTable open(Configuration conf, InputFiles files, FormatOptions options);

  /**
   * The structure of one file (or claimed directory) from metadata only, as a JSON-ready
   * document whose {@code format} entry is {@link #name()}.
   */
  Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException;

  /**
   * What of a file's own metadata an output written from it keeps as lineage (in Parquet
   * key-value metadata, {@code lakemr.source.metadata}): for array formats, the groups, arrays
   * and their attributes ({@link #inspect}'s document); nothing for tables whose metadata is
   * their schema. Empty by default.
   */
  default Map<String, Object> lineage(Configuration conf, InputFile file) throws IOException {
    return Map.of();
  }

  /**
   * A file's row count when its metadata says it cheaply (a Parquet footer), for the catalog's
   * record of a registered file; -1, the default, when it is not known without reading the data.
   */
  default long rowCount(Configuration conf, InputFile file) throws IOException {
    return -1;
  }

  /** Prints a document made by {@link #inspect} as indented text for people. */
  void printInspection(Map<String, Object> doc, PrintStream out);
}
