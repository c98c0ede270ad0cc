package io.lakemr.convert;

import io.lakemr.agg.ResultOrder;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.RowCodec;
import io.lakemr.data.Schemas;
import io.lakemr.data.SortKeyEncoder;
import io.lakemr.formats.output.BatchOutputFormat;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;

/**
 * What a {@code convert} job does with the rows its map-side transform hands on: which of
 * their columns go to the files and in which order, which become partition directories, and,
 * when the job shuffles, the key each row is sorted by.
 *
 * <p>Without partition and sort columns the job is map-only: each map task writes its rows.
 * Otherwise each row is shuffled as (key, row): the key is the partition columns, ascending,
 * then the {@code --sort-by} columns, each ascending or descending, encoded by
 * {@link SortKeyEncoder} so that byte order is row order (nulls first ascending, last
 * descending); the row is the file columns, encoded by {@link RowCodec}. The partition columns
 * lead the key, so their encoding ({@link GroupKeyCodec}, which is what {@link SortKeyEncoder}
 * writes for an ascending column) is the key's prefix, and a reducer sees one partition's rows
 * together.
 *
 * <p>Stored in a job configuration by {@link #configure}: the row columns and the sort terms
 * under the {@code lakemr.convert.*} keys, the file and partition columns as
 * {@link BatchOutputFormat} keeps them; read back in tasks by {@link #load}.
 */
public final class ConvertPlan {

  private final List<Column> rowColumns;
  private final List<Column> fileColumns;
  private final List<Column> partitionColumns;
  private final List<ResultOrder.Term> sortBy;
  private final int[] fileIndexes;
  private final int[] keyIndexes;

  private ConvertPlan(List<Column> rowColumns, List<String> fileNames, List<String> partitionNames,
      List<ResultOrder.Term> sortBy) {
    this.rowColumns = List.copyOf(rowColumns);
    this.sortBy = List.copyOf(sortBy);
    this.fileIndexes = indexes(fileNames);
    List<String> keyNames = new ArrayList<>(partitionNames);
    sortBy.forEach(t -> keyNames.add(t.column()));
    this.keyIndexes = indexes(keyNames);
    this.fileColumns = pick(fileIndexes, 0, fileIndexes.length);
    this.partitionColumns = pick(keyIndexes, 0, partitionNames.size());
  }

  /**
   * A plan over rows of {@code rowColumns}.
   *
   * @param fileNames the columns written to files, in file order
   * @param partitionNames the partition columns, in directory order
   * @param sortBy the order of rows within each file
   * @throws IllegalArgumentException when a name is not a row column (the client checks names first)
   */
  public static ConvertPlan create(List<Column> rowColumns, List<String> fileNames, List<String> partitionNames,
      List<ResultOrder.Term> sortBy) {
    return new ConvertPlan(rowColumns, fileNames, partitionNames, sortBy);
  }

  private int[] indexes(List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = -1;
      for (int c = 0; c < rowColumns.size(); c++) {
        if (rowColumns.get(c).name().equals(names.get(i))) {
          out[i] = c;
        }
      }
      if (out[i] < 0) {
        throw new IllegalArgumentException("no column '" + names.get(i) + "' among " + rowColumns);
      }
    }
    return out;
  }

  private List<Column> pick(int[] indexes, int from, int to) {
    List<Column> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(rowColumns.get(indexes[i]));
    }
    return out;
  }

  /** Writes the plan into a job: its own keys, and the file and partition columns of the output. */
  public void configure(Job job) {
    Configuration conf = job.getConfiguration();
    conf.set(LakemrConfig.CONVERT_ROW_SCHEMA, Schemas.record("row", rowColumns).toString());
    if (sortBy.isEmpty()) {
      conf.unset(LakemrConfig.CONVERT_SORT_BY);
    } else {
      conf.set(LakemrConfig.CONVERT_SORT_BY, String.join(",", sortBy.stream().map(ResultOrder.Term::toString).toList()));
    }
    conf.unset(LakemrConfig.OUTPUT_PARTITION_COLUMNS);
    BatchOutputFormat.setFileColumns(job, fileColumns);
    BatchOutputFormat.setPartitionColumns(job, partitionColumns.stream().map(Column::name).toList());
  }

  /** Reads a plan written by {@link #configure}. */
  public static ConvertPlan load(Configuration conf) {
    String schema = conf.get(LakemrConfig.CONVERT_ROW_SCHEMA);
    if (schema == null) {
      throw new IllegalStateException(LakemrConfig.CONVERT_ROW_SCHEMA + " is not set: not a convert job");
    }
    String sort = conf.get(LakemrConfig.CONVERT_SORT_BY);
    List<ResultOrder.Term> terms = sort == null ? List.of() : ResultOrder.parse(LakemrConfig.CONVERT_SORT_BY, sort);
    List<String> files = BatchOutputFormat.getFileColumns(conf).stream().map(Column::name).toList();
    return new ConvertPlan(Schemas.columns(Schemas.parse(schema)), files, BatchOutputFormat.getPartitionColumns(conf),
        terms);
  }

  /** The columns of the rows, as the map-side transform hands them on. */
  public List<Column> rowColumns() {
    return rowColumns;
  }

  /** The columns written to files, in file order. */
  public List<Column> fileColumns() {
    return fileColumns;
  }

  /** The partition columns, in directory order. */
  public List<Column> partitionColumns() {
    return partitionColumns;
  }

  public List<ResultOrder.Term> sortBy() {
    return sortBy;
  }

  /** True when rows go through a shuffle: there are partition or sort columns. */
  public boolean shuffles() {
    return !partitionColumns.isEmpty() || !sortBy.isEmpty();
  }

  /** For each file column, its index among the row columns. */
  public int[] fileIndexes() {
    return fileIndexes.clone();
  }

  /** For each key column (partition columns, then sort columns), its index among the row columns. */
  public int[] keyIndexes() {
    return keyIndexes.clone();
  }

  /** The encoder of the shuffle key, over the vectors {@link #keyIndexes} names. */
  public SortKeyEncoder keyEncoder() {
    List<ColumnType> types = new ArrayList<>();
    boolean[] descending = new boolean[keyIndexes.length];
    for (int i = 0; i < keyIndexes.length; i++) {
      types.add(rowColumns.get(keyIndexes[i]).type());
      int term = i - partitionColumns.size();
      descending[i] = term >= 0 && sortBy.get(term).descending();
    }
    return new SortKeyEncoder(types, descending);
  }

  /** The codec of the key's prefix: the partition columns. */
  public GroupKeyCodec partitionCodec() {
    return new GroupKeyCodec(partitionColumns.stream().map(Column::type).toList());
  }

  /** The codec of the shuffled rows: the file columns. */
  public RowCodec rowCodec() {
    return new RowCodec(fileColumns.stream().map(Column::type).toList());
  }
}
