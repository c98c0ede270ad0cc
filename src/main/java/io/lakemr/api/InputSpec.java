package io.lakemr.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a job reads, as the {@code --input}, {@code --format}, format options,
 * {@code --columns} and {@code --where} options of the lakemr commands say it. Made with
 * {@link #builder()}; immutable.
 *
 * <pre>{@code
 * InputSpec in = InputSpec.builder()
 *     .input("/data/sensors/*.parquet")
 *     .columns("station", "value")
 *     .where("status = 'ok' AND value > 10")
 *     .build();
 * }</pre>
 */
public final class InputSpec {

  private final List<String> inputs;
  private final String format;
  private final Map<String, String> options;
  private final List<String> columns;
  private final String where;

  private InputSpec(Builder b) {
    this.inputs = List.copyOf(b.inputs);
    this.format = b.format;
    this.options = Map.copyOf(b.options);
    this.columns = List.copyOf(b.columns);
    this.where = b.where;
  }

  /**
   * A new builder.
   *
   * @return a builder with no input
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The inputs: files, directories, globs, or one catalog table {@code table:NAME}.
   *
   * @return the inputs, in the order given
   */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * The input format's name ({@code parquet}, {@code hdf5}, {@code zarr}, {@code csv},
   * {@code json}, {@code avro}), or null when the file names decide it.
   *
   * @return the format's name, or null
   */
  public String format() {
    return format;
  }

  /**
   * The format's own options, by option name without the dashes (e.g. {@code dataset} for
   * HDF5's {@code --dataset}).
   *
   * @return an unmodifiable map
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * The columns the mapper's batches hold, in that order; empty for every readable column.
   *
   * @return the column names
   */
  public List<String> columns() {
    return columns;
  }

  /**
   * The filter, in the language of {@code --where}, or null for none.
   *
   * @return the filter's text, or null
   */
  public String where() {
    return where;
  }

  /** Builds an {@link InputSpec}. */
  public static final class Builder {

    private final List<String> inputs = new ArrayList<>();
    private String format;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> columns = new ArrayList<>();
    private String where;

    private Builder() {
    }

    /**
     * Adds inputs: files, directories or globs on any Hadoop file system, or one catalog
     * table {@code table:NAME} (alone).
     *
     * @param paths the inputs
     * @return this builder
     */
    public Builder input(String... paths) {
      inputs.addAll(Arrays.asList(paths));
      return this;
    }

    /**
     * Sets the input format by name, as {@code --format} does; without it the file names
     * decide.
     *
     * @param name the format's name
     * @return this builder
     */
    public Builder format(String name) {
      this.format = Objects.requireNonNull(name, "format");
      return this;
    }

    /**
     * Sets one of the format's options, as its command-line option would.
     *
     * @param name the option's name without dashes, e.g. {@code dataset}
     * @param value its value
     * @return this builder
     */
    public Builder option(String name, String value) {
      options.put(Objects.requireNonNull(name, "option name"), Objects.requireNonNull(value, "option value"));
      return this;
    }

    /**
     * Sets the columns the mapper's batches hold, in that order.
     *
     * @param names column names of the input
     * @return this builder
     */
    public Builder columns(String... names) {
      columns.clear();
      columns.addAll(Arrays.asList(names));
      return this;
    }

    /**
     * Sets a filter: only rows for which it is true reach the mapper. Its conjuncts are
     * pushed down to the input format, which skips what cannot match (row groups, partition
     * directories); the columns it uses need not be among {@link #columns}.
     *
     * @param condition the filter, in the language of {@code --where}
     * @return this builder
     */
    public Builder where(String condition) {
      this.where = condition == null || condition.isBlank() ? null : condition;
      return this;
    }

    /**
     * The spec.
     *
     * @return the spec
     * @throws IllegalArgumentException when no input was given
     */
    public InputSpec build() {
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException("input: give at least one path or table:NAME");
      }
      return new InputSpec(this);
    }
  }
}
