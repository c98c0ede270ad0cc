package io.lakemr.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a job writes, as the {@code --output}, {@code --output-format},
 * {@code --compression}, {@code --partition-by} and {@code --mode} options of the lakemr
 * commands say it, with the columns of the rows written. Made with {@link #builder}; immutable.
 *
 * <pre>{@code
 * OutputSpec out = OutputSpec.builder("/lake/daily")
 *     .column("station", ValueType.STRING)
 *     .column("rows", ValueType.LONG)
 *     .column("day", ValueType.DATE)
 *     .partitionBy("day")
 *     .mode(WriteMode.OVERWRITE_PARTITIONS)
 *     .build();
 * }</pre>
 */
public final class OutputSpec {

  private final String path;
  private final String format;
  private final String compression;
  private final TableColumns columns;
  private final List<String> partitionBy;
  private final WriteMode mode;

  private OutputSpec(Builder b) {
    this.path = b.path;
    this.format = b.format;
    this.compression = b.compression;
    this.columns = new TableColumns(b.columns);
    this.partitionBy = List.copyOf(b.partitionBy);
    this.mode = b.mode;
  }

  /**
   * A new builder.
   *
   * @param path the output directory, on any Hadoop file system
   * @return a builder writing Parquet in {@link WriteMode#ERROR} mode
   */
  public static Builder builder(String path) {
    return new Builder(path);
  }

  /**
   * The output directory.
   *
   * @return the path as given
   */
  public String path() {
    return path;
  }

  /**
   * The file format: {@code parquet}, {@code csv}, {@code jsonl} or {@code avro}.
   *
   * @return the format's name
   */
  public String format() {
    return format;
  }

  /**
   * The compression, or null for the format's default.
   *
   * @return the codec's name, or null
   */
  public String compression() {
    return compression;
  }

  /**
   * Every column of the rows written, partition columns included, in the order an
   * {@link OutputWriter} takes them.
   *
   * @return the columns
   */
  public TableColumns columns() {
    return columns;
  }

  /**
   * The partition columns, in directory order; they are left out of the files.
   *
   * @return the names
   */
  public List<String> partitionBy() {
    return partitionBy;
  }

  /**
   * How an existing output is treated.
   *
   * @return the mode
   */
  public WriteMode mode() {
    return mode;
  }

  /** Builds an {@link OutputSpec}. */
  public static final class Builder {

    private final String path;
    private String format = "parquet";
    private String compression;
    private final List<TableColumn> columns = new ArrayList<>();
    private final List<String> partitionBy = new ArrayList<>();
    private WriteMode mode = WriteMode.ERROR;

    private Builder(String path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Sets the file format, as {@code --output-format} names it.
     *
     * @param name {@code parquet} (the default), {@code csv}, {@code jsonl} or {@code avro}
     * @return this builder
     */
    public Builder format(String name) {
      this.format = Objects.requireNonNull(name, "format");
      return this;
    }

    /**
     * Sets the compression, as {@code --compression} names it.
     *
     * @param codec for Parquet {@code snappy} (the default), {@code zstd}, {@code gzip} or
     *     {@code none}; for Avro {@code snappy}, {@code deflate} or {@code none}
     * @return this builder
     */
    public Builder compression(String codec) {
      this.compression = codec;
      return this;
    }

    /**
     * Adds a column of a type that is not a decimal.
     *
     * @param name the column's name
     * @param type its type
     * @return this builder
     */
    public Builder column(String name, ValueType type) {
      return column(TableColumn.of(name, type));
    }

    /**
     * Adds a column.
     *
     * @param column the column
     * @return this builder
     */
    public Builder column(TableColumn column) {
      columns.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /**
     * Adds columns, such as the input's ({@link LakemrInput#schema}).
     *
     * @param more the columns
     * @return this builder
     */
    public Builder columns(TableColumns more) {
      columns.addAll(more.list());
      return this;
    }

    /**
     * Sets the partition columns, in directory order: rows go to
     * {@code path/col1=v1/col2=v2/}, escaped as Hive escapes them.
     *
     * @param names columns among {@link #column}'s, none a decimal
     * @return this builder
     */
    public Builder partitionBy(String... names) {
      partitionBy.clear();
      partitionBy.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Sets how an existing output is treated.
     *
     * @param writeMode the mode; {@link WriteMode#ERROR} by default
     * @return this builder
     */
    public Builder mode(WriteMode writeMode) {
      this.mode = Objects.requireNonNull(writeMode, "mode");
      return this;
    }

    /**
     * The spec.
     *
     * @return the spec
     * @throws IllegalArgumentException when there is no column, a name repeats, a partition
     *     column is not a column or is a decimal, or every column is a partition column
     */
    public OutputSpec build() {
      OutputSpec spec = new OutputSpec(this);
      for (String p : partitionBy) {
        if (!spec.columns.contains(p)) {
          throw new IllegalArgumentException("partition column '" + p + "' is not among the output columns ("
              + spec.columns + ")");
        }
        if (spec.columns.get(spec.columns.indexOf(p)).type() == ValueType.DECIMAL) {
          throw new IllegalArgumentException("partition column '" + p + "' is a decimal; partition by another type");
        }
      }
      if (columns.size() <= partitionBy.size()) {
        throw new IllegalArgumentException("output " + path + ": no columns left to write in the files");
      }
      return spec;
    }
  }
}
