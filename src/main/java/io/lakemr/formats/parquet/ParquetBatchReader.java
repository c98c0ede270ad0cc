package io.lakemr.formats.parquet;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.FileRange;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads some columns of some Parquet file ranges into batches, knowing nothing of MapReduce.
 *
 * <p>Boundary rule: a range owns the row groups whose midpoint it holds
 * ({@link RowGroupSelector}); the others are left to the ranges that own them. Only the
 * requested column chunks are read, with parquet-column's low-level column readers, straight
 * into the batch's vectors. Partition columns are repeating vectors holding the range's
 * partition values.
 */
final class ParquetBatchReader implements Closeable {

  private final Configuration conf;
  private final List<String> partitionColumns;
  private final List<FileRange> ranges;
  private final List<Column> columns;
  private final int batchRows;
  /**
   * Page checksums are verified unless this parquet-java key says otherwise (its own default is
   * off): a page whose CRC does not match fails the read instead of giving wrong numbers.
   */
  static final String VERIFY_CHECKSUMS = "parquet.page.verify-checksum.enabled";

  /**
   * Pages are skipped by the column indexes unless this parquet-java key says otherwise (its
   * own default is on, as here); see {@link PageIndexFilter}.
   */
  static final String PAGE_INDEX = "parquet.filter.columnindex.enabled";

  private final BiConsumer<ParquetCounters, Long> counters;
  private final List<ColumnPredicate> predicates;
  /** The column-index filter of the open file; null when it has none. */
  private PageIndexFilter pageFilter;
  private Set<ColumnPath> filePaths;
  private final long totalBytes;

  /** Per batch column: index into partition values, or -1 for a file column. */
  private final int[] partitionIndex;

  private int rangeIndex = -1;
  private long bytesOfDoneRanges;
  private FileRange range;
  private ParquetFileReader file;
  private MessageType requested;
  private String createdBy;
  private ParquetValueKind[] kinds;
  private List<Integer> rowGroups = List.of();
  private int rowGroupPos;
  private int rowGroupIndex;
  private ColumnReader[] readers;
  private int[] maxDefs;
  private BinaryRefCache[] refCaches;
  private long rowsLeft;
  private long rowInGroup;
  private byte[][] partitionBytes;

  /**
   * @param partitionColumns names of the partition columns the ranges' values belong to
   * @param ranges the file ranges to read, in order
   * @param columns the columns of the batch, in order (file columns and partition columns)
   * @param batchRows at most this many rows per batch
   * @param counters receives counter increments
   */
  ParquetBatchReader(Configuration conf, List<String> partitionColumns, List<FileRange> ranges,
      List<Column> columns, int batchRows, BiConsumer<ParquetCounters, Long> counters) {
    this(conf, partitionColumns, ranges, columns, batchRows, List.of(), counters);
  }

  /**
   * @param predicates conjuncts of the job's filter: a row group whose statistics show that one
   *     of them cannot match is skipped (see {@link RowGroupStatistics})
   */
  ParquetBatchReader(Configuration conf, List<String> partitionColumns, List<FileRange> ranges,
      List<Column> columns, int batchRows, List<ColumnPredicate> predicates,
      BiConsumer<ParquetCounters, Long> counters) {
    this.conf = conf;
    this.predicates = List.copyOf(predicates);
    this.partitionColumns = List.copyOf(partitionColumns);
    this.ranges = List.copyOf(ranges);
    this.columns = List.copyOf(columns);
    this.batchRows = batchRows;
    this.counters = counters;
    long sum = 0;
    for (FileRange r : ranges) {
      sum += r.length();
    }
    this.totalBytes = sum;
    this.partitionIndex = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      partitionIndex[c] = this.partitionColumns.indexOf(columns.get(c).name());
    }
  }

  /**
   * Fills the batch with the next rows (resetting it first).
   *
   * @return false when every range is read (the batch is then empty)
   */
  boolean next(VectorizedRowBatch batch) throws IOException {
    batch.reset();
    while (rowsLeft == 0) {
      if (!nextRowGroup()) {
        return false;
      }
    }
    int n = (int) Math.min(Math.min(batchRows, batch.getMaxSize()), rowsLeft);
    for (int c = 0; c < columns.size(); c++) {
      ColumnVector v = batch.cols[c];
      if (partitionIndex[c] >= 0) {
        fillPartition((BytesColumnVector) v, partitionBytes[partitionIndex[c]]);
        continue;
      }
      try {
        ColumnFiller.fill(readers[c], kinds[c], v, n, maxDefs[c], refCaches[c]);
      } catch (ColumnFiller.ValueFailure e) {
        long at = rowInGroup + Math.max(0, e.row);
        throw new IOException(String.format("Can not read value at %d in row group %d of column %s"
            + " in file %s: %s", at, rowGroupIndex, columns.get(c).name(), range.path(),
            ParquetFormat.firstLine(e.getCause())), e.getCause());
      }
    }
    batch.size = n;
    rowsLeft -= n;
    rowInGroup += n;
    counters.accept(ParquetCounters.ROWS, (long) n);
    return true;
  }

  /** The range being read; null before the first. */
  FileRange currentRange() {
    return range;
  }

  /** Share of the ranges' bytes read so far, 0 to 1. */
  float progress() {
    if (totalBytes == 0) {
      return rangeIndex >= ranges.size() ? 1f : 0f;
    }
    double current = 0;
    if (range != null && !rowGroups.isEmpty()) {
      current = range.length() * ((double) rowGroupPos / rowGroups.size());
    }
    return (float) Math.min(1.0, (bytesOfDoneRanges + current) / totalBytes);
  }

  @Override
  public void close() throws IOException {
    readers = null;
    if (file != null) {
      ParquetFileReader f = file;
      file = null;
      f.close();
    }
  }

  private static void fillPartition(BytesColumnVector v, byte[] value) {
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
    } else {
      v.setRef(0, value, 0, value.length);
    }
  }

  /**
   * Moves to the next owned row group that may hold a matching row, opening ranges as needed;
   * false at the end.
   */
  private boolean nextRowGroup() throws IOException {
    PageReadStore pages = null;
    while (pages == null) {
      if (!nextOwnedRowGroup()) {
        return false;
      }
      pages = readCurrentRowGroup();
    }
    openColumnReaders(pages);
    return true;
  }

  /** Moves to the next owned row group, opening ranges as needed; false at the end. */
  private boolean nextOwnedRowGroup() throws IOException {
    while (file == null || rowGroupPos >= rowGroups.size()) {
      if (file != null) {
        bytesOfDoneRanges += range.length();
        close();
      }
      if (++rangeIndex >= ranges.size()) {
        range = null;
        return false;
      }
      openRange(ranges.get(rangeIndex));
    }
    rowGroupIndex = rowGroups.get(rowGroupPos++);
    return true;
  }

  /** The current row group's pages that may hold a matching row; null when none may. */
  private PageReadStore readCurrentRowGroup() throws IOException {
    BlockMetaData block = file.getRowGroups().get(rowGroupIndex);
    try {
      return readPages(block);
    } catch (IOException | RuntimeException e) {
      throw new IOException("Can not read row group " + rowGroupIndex + " of " + failingColumns(rowGroupIndex)
          + " in file " + range.path() + ": " + ParquetFormat.firstLine(e), e);
    }
  }

  private void openColumnReaders(PageReadStore pages) throws IOException {
    BlockMetaData block = file.getRowGroups().get(rowGroupIndex);
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoOpConverter(requested),
        requested, createdBy);
    readers = new ColumnReader[columns.size()];
    maxDefs = new int[columns.size()];
    refCaches = new BinaryRefCache[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      if (partitionIndex[c] < 0) {
        String name = columns.get(c).name();
        try {
          ColumnDescriptor d = requested.getColumnDescription(new String[] {name});
          readers[c] = store.getColumnReader(d);
          refCaches[c] = new BinaryRefCache();
          maxDefs[c] = d.getMaxDefinitionLevel();
        } catch (RuntimeException e) {
          throw new IOException("Can not read row group " + rowGroupIndex + " of column " + name
              + " in file " + range.path() + ": " + ParquetFormat.firstLine(e), e);
        }
      }
    }
    rowsLeft = pages.getRowCount();
    rowInGroup = 0;
    counters.accept(ParquetCounters.ROW_GROUPS, 1L);
    counters.accept(ParquetCounters.BYTES, requestedBytes(block));
  }

  /**
   * The pages of the current row group that may hold a matching row (all of them without a
   * filter the column indexes can use), or null when none may.
   */
  private PageReadStore readPages(BlockMetaData block) throws IOException {
    RowRanges ranges = pageFilter == null ? null
        : pageFilter.rowRanges(file, rowGroupIndex, block.getRowCount(), filePaths);
    if (ranges == null) {
      return file.readRowGroup(rowGroupIndex);
    }
    counters.accept(ParquetCounters.ROWS_SKIPPED_BY_PAGE_INDEX, block.getRowCount() - ranges.rowCount());
    if (ranges.rowCount() == 0) {
      counters.accept(ParquetCounters.ROW_GROUPS_SKIPPED_BY_PAGE_INDEX, 1L);
      return null;
    }
    return file.readFilteredRowGroup(rowGroupIndex, ranges);
  }

  /**
   * After a row group failed to read, the requested columns that fail alone (a page whose
   * checksum does not match, a chunk cut short), to name them; all of them if none fails alone.
   */
  private String failingColumns(int rowGroupIndex) {
    List<String> failing = new ArrayList<>();
    for (Type field : requested.getFields()) {
      try {
        file.setRequestedSchema(new MessageType(requested.getName(), field));
        file.readRowGroup(rowGroupIndex);
      } catch (IOException | RuntimeException e) {
        failing.add(field.getName());
      }
    }
    file.setRequestedSchema(requested);
    return failing.size() == 1 ? "column " + failing.get(0)
        : "columns " + (failing.isEmpty() ? requestedNames() : String.join(", ", failing));
  }

  private String requestedNames() {
    List<String> names = new ArrayList<>();
    for (Type field : requested.getFields()) {
      names.add(field.getName());
    }
    return String.join(", ", names);
  }

  private long requestedBytes(BlockMetaData block) {
    long bytes = 0;
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      if (requested.containsPath(chunk.getPath().toArray())) {
        bytes += chunk.getTotalSize();
      }
    }
    return bytes;
  }

  private void openRange(FileRange r) throws IOException {
    range = r;
    rowGroups = List.of();
    rowGroupPos = 0;
    partitionBytes = new byte[partitionColumns.size()][];
    for (int i = 0; i < partitionBytes.length; i++) {
      String value = r.partitionValues().get(i);
      partitionBytes[i] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
    ParquetFileReader opened;
    long fileLength;
    try {
      HadoopInputFile input = HadoopInputFile.fromPath(r.path(), conf);
      fileLength = input.getLength();
      opened = ParquetFileReader.open(input, HadoopReadOptions.builder(conf, r.path())
          .usePageChecksumVerification(conf.getBoolean(VERIFY_CHECKSUMS, true)).build());
    } catch (IOException | RuntimeException e) {
      throw new IOException("Can not open Parquet file " + r.path() + ": "
          + ParquetFormat.firstLine(e), e);
    }
    file = opened;
    try {
      MessageType fileSchema = opened.getFileMetaData().getSchema();
      createdBy = opened.getFileMetaData().getCreatedBy();
      List<Type> fields = new ArrayList<>();
      kinds = new ParquetValueKind[columns.size()];
      Set<String> seen = new HashSet<>();
      for (int c = 0; c < columns.size(); c++) {
        if (partitionIndex[c] >= 0) {
          checkPartitionType(columns.get(c));
        } else {
          Type field = fileField(fileSchema, columns.get(c));
          kinds[c] = kindOf(field, columns.get(c));
          if (seen.add(field.getName())) {
            fields.add(field);
          }
        }
      }
      requested = new MessageType(fileSchema.getName(), fields);
      opened.setRequestedSchema(requested);
      List<Integer> owned = new ArrayList<>();
      List<BlockMetaData> blocks = opened.getRowGroups();
      RowGroupStatistics stats = predicates.isEmpty() ? null
          : new RowGroupStatistics(predicates, fileFields(fileSchema));
      RowGroupBloomFilters blooms = predicates.isEmpty() ? null
          : new RowGroupBloomFilters(predicates, fileFields(fileSchema));
      PageIndexFilter pages = predicates.isEmpty() || !conf.getBoolean(PAGE_INDEX, true) ? null
          : PageIndexFilter.of(predicates, fileFields(fileSchema));
      pageFilter = pages == null || pages.isEmpty() ? null : pages;
      filePaths = PageIndexFilter.paths(fileFields(fileSchema));
      for (int index : RowGroupSelector.select(blocks, fileLength, r.start(), r.end())) {
        if (blocks.get(index).getRowCount() > 0) {
          if (stats != null && !stats.mightMatch(blocks.get(index))) {
            counters.accept(ParquetCounters.ROW_GROUPS_SKIPPED, 1L);
            continue;
          }
          if (blooms != null && !blooms.isEmpty() && !blooms.mightMatch(opened, blocks.get(index))) {
            counters.accept(ParquetCounters.ROW_GROUPS_SKIPPED_BY_BLOOM_FILTER, 1L);
            continue;
          }
          owned.add(index);
        }
      }
      rowGroups = owned;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    counters.accept(ParquetCounters.FILES, 1L);
  }

  /** The file's top-level primitive fields by name, for statistics. */
  static Map<String, PrimitiveType> fileFields(MessageType schema) {
    Map<String, PrimitiveType> out = new HashMap<>();
    for (Type field : schema.getFields()) {
      if (field.isPrimitive() && !field.isRepetition(Type.Repetition.REPEATED)) {
        out.put(field.getName(), field.asPrimitiveType());
      }
    }
    return out;
  }

  private void checkPartitionType(Column column) throws IOException {
    if (column.type() != ColumnType.STRING && column.type() != ColumnType.BYTES) {
      throw new IOException("partition column " + column.name() + " of file " + range.path()
          + " can only be read as a string, not " + column.type().displayName());
    }
  }

  private Type fileField(MessageType fileSchema, Column column) throws IOException {
    if (!fileSchema.containsField(column.name())) {
      throw new IOException("column " + column.name() + " is missing in file " + range.path());
    }
    return fileSchema.getType(column.name());
  }

  /** The kind a file column is read as, checked against the type the job asked for. */
  private ParquetValueKind kindOf(Type field, Column column) throws IOException {
    ParquetTypes.Mapping m = ParquetTypes.map(field);
    if (!m.readable()) {
      throw new IOException("column " + column.name() + " in file " + range.path()
          + " cannot be read: " + m.unreadableReason());
    }
    ColumnType have = m.kind().columnType();
    ColumnType want = column.type();
    boolean ok = have == want
        || (have == ColumnType.INT && want == ColumnType.LONG)
        || (have == ColumnType.FLOAT && want == ColumnType.DOUBLE)
        || (have.vectorType() == want.vectorType() && have.vectorType() == ColumnVector.Type.BYTES);
    Column fileColumn = ParquetTypes.column(field, m.kind());
    if (!ok || (want == ColumnType.DECIMAL && !fileColumn.typeName().equals(column.typeName()))) {
      throw new IOException("column " + column.name() + " in file " + range.path() + " is "
          + fileColumn.typeName() + ", but the job reads it as " + column.typeName());
    }
    return m.kind();
  }
}
