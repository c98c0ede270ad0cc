package io.lakemr.catalog;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import io.lakemr.formats.InputTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Adopts an existing Hive-layout directory (as lakemr writes them) as a table: lists it once,
 * reads its schema from the files through the input format their names say, takes row counts
 * where the format's metadata says them ({@link InputFormatDescriptor#rowCount}; else unknown), and writes commit 1,
 * {@link Operation#REGISTER}, listing every visible file.
 */
public final class TableRegistration {

  private TableRegistration() {
  }

  /**
   * Registers the directory at {@code location} as a table.
   *
   * @return commit 1
   * @throws BadInputException when the directory is already a table, holds no data files, or
   *     its files are not of one format lakemr reads
   */
  public static Commit register(Configuration conf, Path location) throws IOException {
    TableLog log = TableLog.open(conf, location);
    if (log.exists()) {
      throw new BadInputException(log.location() + " is a table already (it has " + TableLog.LOG_DIR + "/)");
    }
    InputFiles files = InputFiles.list(conf, List.of(log.location().toString()));
    if (files.isEmpty()) {
      throw new BadInputException(log.location() + " holds no data files to register");
    }
    InputFormatDescriptor format = InputFormats.fromFileNames(conf, files);
    InputTable table = format.open(conf, files, new FormatOptions(Map.of()));
    PendingCommit pending = PendingCommit.create(Operation.REGISTER, schema(log.location(), table.schema().columns()),
        files.partitionColumns());
    pending.info("format", format.name());
    String root = log.location().toUri().getPath();
    for (InputFile f : files.files()) {
      String relative = f.path().toUri().getPath().substring(root.length() + (root.endsWith("/") ? 0 : 1));
      Map<String, String> partition = new LinkedHashMap<>();
      for (int i = 0; i < files.partitionColumns().size(); i++) {
        partition.put(files.partitionColumns().get(i), f.partitionValues().get(i));
      }
      pending.add(new DataFile(relative, partition, format.rowCount(conf, f), f.length()));
    }
    return log.commit(pending);
  }

  private static Schema schema(Path location, List<Column> columns) {
    try {
      return Schemas.record("row", new ArrayList<>(columns));
    } catch (SchemaParseException e) {
      throw new BadInputException(location + ": a column name is not one a table schema takes: " + e.getMessage(), e);
    }
  }
}
