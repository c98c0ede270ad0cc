package io.lakemr.formats.parquet;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Client-side Parquet metadata: checks that every input file is Parquet and reads the table
 * schema from the first file's footer. Never reads data pages.
 */
public final class ParquetFormat {

  /** Threads checking files' magic bytes at once. */
  static final int CHECK_THREADS = 8;

  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
  private static final byte[] ENCRYPTED_MAGIC = {'P', 'A', 'R', 'E'};

  private ParquetFormat() {
  }

  /**
   * The columns of a Parquet input: the first file's top-level fields (those lakemr cannot
   * read listed with the reason), then the partition-directory columns as strings.
   *
   * @throws BadInputException when a file is not Parquet or the first footer is unreadable
   */
  public static TableSchema readSchema(Configuration conf, InputFiles files) {
    checkAllParquet(conf, files.files());
    List<Column> partitionColumns = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (String name : files.partitionColumns()) {
      String problem = ParquetTypes.avroNameProblem(name);
      if (problem == null) {
        partitionColumns.add(new Column(name, ColumnType.STRING));
      } else {
        unreadable.put(name, "partition " + problem);
      }
    }
    if (files.isEmpty()) {
      return new TableSchema("no input files", partitionColumns, unreadable);
    }
    Path first = files.files().get(0).path();
    TableSchema fileSchema = schemaOf(readFooter(conf, files.files().get(0)).getFileMetaData()
        .getSchema(), first.toString());
    Map<String, String> allUnreadable = new LinkedHashMap<>(fileSchema.unreadable());
    allUnreadable.putAll(unreadable);
    for (Column c : partitionColumns) {
      if (fileSchema.indexOf(c.name()) >= 0 || allUnreadable.containsKey(c.name())) {
        throw new BadInputException("partition column " + c.name()
            + " is also a column of the Parquet file " + first);
      }
    }
    List<Column> all = new ArrayList<>(fileSchema.columns());
    all.addAll(partitionColumns);
    return new TableSchema(first.toString(), all, allUnreadable);
  }

  /** The columns of a Parquet file schema, without partition columns. */
  public static TableSchema schemaOf(MessageType schema, String source) {
    List<Column> columns = new ArrayList<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    for (Type field : schema.getFields()) {
      ParquetTypes.Mapping m = ParquetTypes.map(field);
      if (m.readable()) {
        columns.add(ParquetTypes.column(field, m.kind()));
      } else {
        unreadable.put(field.getName(), m.unreadableReason());
      }
    }
    return new TableSchema(source, columns, unreadable);
  }

  /** Reads one file's footer. */
  static ParquetMetadata readFooter(Configuration conf, InputFile file) {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromStatus(file.status(), conf),
        HadoopReadOptions.builder(conf, file.path()).build())) {
      return reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new BadInputException("cannot read the Parquet footer of " + file.path() + ": "
          + firstLine(e), e);
    }
  }

  /** Checks the magic bytes and footer length of every file, a few files at a time. */
  static void checkAllParquet(Configuration conf, List<InputFile> files) {
    if (files.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(CHECK_THREADS, files.size()),
        r -> {
          Thread t = new Thread(r, "lakemr-parquet-check");
          t.setDaemon(true);
          return t;
        });
    try {
      List<Future<?>> checks = new ArrayList<>(files.size());
      for (InputFile f : files) {
        checks.add(pool.submit(() -> {
          checkParquet(conf, f);
          return null;
        }));
      }
      for (Future<?> check : checks) {
        try {
          check.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Parquet files", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Throws BadInputException unless the file starts and ends with PAR1 around a sane footer. */
  static void checkParquet(Configuration conf, InputFile file) {
    Path path = file.path();
    long length = file.length();
    if (length < 12) {
      throw notParquet(path, "only " + length + " bytes");
    }
    byte[] head = new byte[4];
    byte[] tail = new byte[8];
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (FSDataInputStream in = fs.open(path)) {
        in.readFully(0, head);
        in.readFully(length - 8, tail);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (Arrays.equals(tail, 4, 8, ENCRYPTED_MAGIC, 0, 4)) {
      throw notParquet(path, "encrypted footer, which lakemr cannot read");
    }
    if (!Arrays.equals(head, MAGIC)) {
      throw notParquet(path, "no PAR1 magic at the start");
    }
    if (!Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
      throw notParquet(path, "no PAR1 magic at the end");
    }
    long footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    if (footerLength == 0 || footerLength > length - 12) {
      throw notParquet(path, "footer length " + footerLength + " does not fit a file of "
          + length + " bytes");
    }
  }

  private static BadInputException notParquet(Path path, String why) {
    return new BadInputException("not a Parquet file: " + path + " (" + why + ")");
  }

  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
