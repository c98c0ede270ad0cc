package io.lakemr.conf;

/**
 * Every {@code lakemr.*} configuration key, each beside its default.
 *
 * <p>Keys are read once, when a reader, writer, mapper or reducer is made, into an
 * immutable options object; nothing reads them row by row. {@code conf/lakemr-site.xml}
 * lists the same keys for deployment.
 */
public final class LakemrConfig {

  private LakemrConfig() {
  }

  // ---- input ----

  /** Comma-separated input paths (files, directories or globs), as given on the command line. */
  public static final String INPUT_PATHS = "lakemr.input.paths";

  /** Avro record schema (JSON) of the columns a job reads, in the order the batch holds them. */
  public static final String INPUT_READ_SCHEMA = "lakemr.input.read.schema";

  /** Rows per batch handed to a mapper: {@value}. */
  public static final String BATCH_ROWS = "lakemr.batch.rows";
  public static final int BATCH_ROWS_DEFAULT = 1024;

  /** Names of the Hive-style partition-directory columns found under the inputs, comma-separated. */
  public static final String INPUT_PARTITION_COLUMNS = "lakemr.input.partition.columns";

  /**
   * Whether a {@code --where} filter is pushed down to the input: Parquet row groups whose
   * min/max statistics cannot match are skipped, and partition directories whose values cannot
   * match are left out before splits are planned: {@value}. Rows still go through the whole
   * filter, so the result is the same either way.
   */
  public static final String PUSHDOWN = "lakemr.pushdown";
  public static final boolean PUSHDOWN_DEFAULT = true;

  /** The pushed-down conjuncts of the filter, as {@code ColumnPredicate.encodeAll} writes them. */
  public static final String INPUT_PUSHDOWN_PREDICATES = "lakemr.input.pushdown.predicates";

  // ---- CSV, JSON Lines and Avro input ----

  /**
   * Avro record schema (JSON) of a CSV or JSON Lines table, as the client resolved it from
   * {@code --schema}, {@code --schema-file} or a sample of the files.
   */
  public static final String TEXT_TABLE_SCHEMA = "lakemr.text.table.schema";

  /** What a CSV, JSON Lines or Avro reader does with a bad record: fail, skip or quarantine ({@code --bad-records}). */
  public static final String BAD_RECORDS = "lakemr.input.bad.records";

  /** Most bad records a job may skip, {@code N} or {@code N%} of all its records ({@code --max-bad-records}). Unset: no limit. */
  public static final String MAX_BAD_RECORDS = "lakemr.input.max.bad.records";

  /** Longest line (record) of CSV or JSON Lines input, in bytes ({@code --max-line-bytes}). */
  public static final String MAX_LINE_BYTES = "lakemr.text.max.line.bytes";

  /** {@code DateTimeFormatter} pattern of timestamps in text input ({@code --timestamp-format}). Unset: ISO 8601. */
  public static final String TEXT_TIMESTAMP_FORMAT = "lakemr.text.timestamp.format";

  /** Whether each CSV file starts with a header ({@code --header}). */
  public static final String CSV_HEADER = "lakemr.csv.header";

  /** CSV field delimiter, one character ({@code --delimiter}). */
  public static final String CSV_DELIMITER = "lakemr.csv.delimiter";

  /** CSV quote character, empty for none ({@code --quote}). */
  public static final String CSV_QUOTE = "lakemr.csv.quote";

  /** CSV escape character inside quotes ({@code --escape}). Unset: the quote (doubled quotes). */
  public static final String CSV_ESCAPE = "lakemr.csv.escape";

  /** CSV text read as null, besides an unquoted empty field ({@code --null-value}). */
  public static final String CSV_NULL_VALUE = "lakemr.csv.null.value";

  /** CSV comment-line character ({@code --comment}). Unset: none. */
  public static final String CSV_COMMENT = "lakemr.csv.comment";

  /** Character set of CSV files ({@code --encoding}). Unset: UTF-8. */
  public static final String CSV_ENCODING = "lakemr.csv.encoding";

  /** Whether quoted CSV fields may hold line ends, each file then read whole ({@code --multiline}). */
  public static final String CSV_MULTILINE = "lakemr.csv.multiline";

  /** Avro reader schema (JSON) from {@code --schema-file}, resolved against each file's. Unset: the file's own. */
  public static final String AVRO_READER_SCHEMA = "lakemr.avro.reader.schema";

  // ---- expressions ----

  /** Avro record schema (JSON) of the batches a map-side transform receives. Unset: no transform. */
  public static final String EXPR_INPUT_SCHEMA = "lakemr.expr.input.schema";

  /** The {@code --where} expression text. */
  public static final String EXPR_WHERE = "lakemr.expr.where";

  /** Number of derived columns; each is {@code NAME=EXPR} under {@link #EXPR_DERIVE_PREFIX}{@code N}. */
  public static final String EXPR_DERIVE_COUNT = "lakemr.expr.derive.count";

  /** Prefix of the derived-column keys, {@code lakemr.expr.derive.0}, {@code .1}, ... in order. */
  public static final String EXPR_DERIVE_PREFIX = "lakemr.expr.derive.";

  // ---- HDF5 input ----

  /**
   * Path inside each HDF5 file of the dataset (or group of 1-D datasets) to read, as given to
   * {@code --dataset}. Unset: the file's only dataset.
   */
  public static final String HDF5_DATASET = "lakemr.hdf5.dataset";

  /** Columns to read from an HDF5 dataset, comma-separated, as given to {@code --columns}. Unset: all. */
  public static final String HDF5_COLUMNS = "lakemr.hdf5.columns";

  /**
   * How an HDF5 array maps to rows: {@code rows} (rows over the leading dimensions, columns over
   * the last) or {@code cells} (one row per element with index columns): {@value}.
   */
  public static final String HDF5_LAYOUT = "lakemr.hdf5.layout";
  public static final String HDF5_LAYOUT_DEFAULT = "rows";

  /**
   * Bytes read at a time from a contiguous HDF5 dataset: {@value} (1 MiB). Chunked datasets are
   * read one chunk at a time whatever this says.
   */
  public static final String HDF5_CONTIGUOUS_READ_BYTES = "lakemr.hdf5.contiguous.read.bytes";
  public static final int HDF5_CONTIGUOUS_READ_BYTES_DEFAULT = 1 << 20;

  // ---- Zarr input ----

  /**
   * Path inside each Zarr store of the array (or group of 1-D arrays) to read, as given to
   * {@code --dataset}. Unset: the store's only array, or its root group of 1-D arrays.
   */
  public static final String ZARR_DATASET = "lakemr.zarr.dataset";

  /** Columns to read from a Zarr array or group, comma-separated, as given to {@code --columns}. Unset: all. */
  public static final String ZARR_COLUMNS = "lakemr.zarr.columns";

  /**
   * How a Zarr array maps to rows: {@code rows} (rows over the leading dimensions, columns over
   * the last) or {@code cells} (one row per element with index columns): {@value}.
   */
  public static final String ZARR_LAYOUT = "lakemr.zarr.layout";
  public static final String ZARR_LAYOUT_DEFAULT = "rows";

  // ---- aggregation ----

  /**
   * Avro record schema (JSON) of the batches aggregation receives: the columns read, then the
   * derived ones. Unset: {@link #INPUT_READ_SCHEMA}.
   */
  public static final String AGG_BATCH_SCHEMA = "lakemr.aggregate.batch.schema";

  /** Group-by columns, comma-separated, partition columns first. */
  public static final String AGG_GROUP_BY = "lakemr.aggregate.group.by";

  /** How many of the leading group-by columns are output partition columns. */
  public static final String AGG_PARTITION_COUNT = "lakemr.aggregate.partition.count";

  /** Aggregate list, as given to {@code --agg}. */
  public static final String AGG_FUNCTIONS = "lakemr.aggregate.functions";

  /**
   * Memory budget in bytes for a mapper's table of partial aggregates; when the table passes
   * it, the mapper emits its partials and starts again. 0 (the default) derives it from the
   * task heap, as {@link #AGG_MAP_MEMORY_FRACTION} of the JVM's maximum heap.
   */
  public static final String AGG_MAP_MEMORY_BYTES = "lakemr.aggregate.map.memory.bytes";
  public static final long AGG_MAP_MEMORY_BYTES_DEFAULT = 0L;

  /** Share of the task heap given to the in-mapper partial table when no byte budget is set: {@value}. */
  public static final String AGG_MAP_MEMORY_FRACTION = "lakemr.aggregate.map.memory.fraction";
  public static final float AGG_MAP_MEMORY_FRACTION_DEFAULT = 0.3f;

  /**
   * Whether the job runs a combiner over map output: {@value}. The result is the same either
   * way; turning it off is for tests and for measuring what it saves.
   */
  public static final String AGG_COMBINER = "lakemr.aggregate.combiner";
  public static final boolean AGG_COMBINER_DEFAULT = true;

  /**
   * In the first stage of a distinct aggregation, the aggregate list of the whole query (the
   * stage's own plan, in {@link #AGG_FUNCTIONS}, holds only the aggregates other than
   * {@code count_distinct}).
   */
  public static final String AGG_DISTINCT_FINAL_FUNCTIONS = "lakemr.aggregate.distinct.final.functions";

  /** Input bytes per reducer when {@code --reducers} is not given: {@value} (256 MiB). */
  public static final String REDUCER_BYTES = "lakemr.reducers.bytes.per.reducer";
  public static final long REDUCER_BYTES_DEFAULT = 256L * 1024 * 1024;

  /** Upper bound on the default number of reducers: {@value}. */
  public static final String REDUCERS_MAX = "lakemr.reducers.max";
  public static final int REDUCERS_MAX_DEFAULT = 64;

  // ---- ordering ----

  /**
   * The result order of an aggregation, as {@code ResultOrder} stores it: {@code col asc} or
   * {@code col desc}, comma-separated. Unset: unordered output.
   */
  public static final String ORDER_BY = "lakemr.order.by";

  /** The number of rows kept in the result order ({@code --limit}); {@value}: all. */
  public static final String ORDER_LIMIT = "lakemr.order.limit";
  public static final long ORDER_LIMIT_DEFAULT = 0L;

  /**
   * The largest {@code --limit} accepted: {@value}. Every task of the sort stage holds its top
   * N rows in memory.
   */
  public static final String ORDER_LIMIT_MAX = "lakemr.order.limit.max";
  public static final long ORDER_LIMIT_MAX_DEFAULT = 1_000_000L;

  /**
   * Sort keys the client samples from the aggregated rows to choose the split points of a
   * globally sorted output: {@value}.
   */
  public static final String ORDER_SAMPLE_KEYS = "lakemr.order.sample.keys";
  public static final int ORDER_SAMPLE_KEYS_DEFAULT = 10_000;

  // ---- output ----

  /** Output file format: parquet, csv, jsonl or avro. */
  public static final String OUTPUT_FORMAT = "lakemr.output.format";
  public static final String OUTPUT_FORMAT_DEFAULT = "parquet";

  /** Avro record schema (JSON) of the rows written to output files (partition columns excluded). */
  public static final String OUTPUT_FILE_SCHEMA = "lakemr.output.file.schema";

  /** Output partition column names, comma-separated, in directory order. */
  public static final String OUTPUT_PARTITION_COLUMNS = "lakemr.output.partition.columns";

  /** Parquet output compression codec: {@value}. */
  public static final String OUTPUT_PARQUET_CODEC = "lakemr.output.parquet.codec";
  public static final String OUTPUT_PARQUET_CODEC_DEFAULT = "snappy";

  /**
   * Columns whose Parquet column chunks get a split-block bloom filter, comma-separated, so that
   * readers skip row groups for {@code col = value} and {@code col IN (...)}; unset for none.
   * Set by {@code convert --bloom-filter}.
   */
  public static final String OUTPUT_PARQUET_BLOOM_COLUMNS = "lakemr.output.parquet.bloom.columns";

  /** Avro output block codec, snappy, deflate or none: {@value}. */
  public static final String OUTPUT_AVRO_CODEC = "lakemr.output.avro.codec";
  public static final String OUTPUT_AVRO_CODEC_DEFAULT = "snappy";

  /**
   * Whether output file names carry the job id ({@code part-JOBID-r-00000.parquet}), so files
   * of several jobs written into one directory never collide (append mode): {@value}.
   */
  public static final String OUTPUT_UNIQUE_NAMES = "lakemr.output.unique.names";
  public static final boolean OUTPUT_UNIQUE_NAMES_DEFAULT = false;

  /**
   * Whether each task writes the partitions it wrote, with their row counts, to a side file
   * under {@code _lakemr_partitions} in its output, for the job
   * summary: {@value}.
   */
  public static final String OUTPUT_PARTITION_LOG = "lakemr.output.partition.log";
  public static final boolean OUTPUT_PARTITION_LOG_DEFAULT = false;

  /**
   * Lineage every Parquet output file carries in its key-value metadata, as a JSON object of
   * string keys ({@code lakemr.source.*}) and string values. Set by the commands; unset for none.
   */
  public static final String OUTPUT_METADATA = "lakemr.output.metadata";

  /**
   * Set in a task's configuration before it opens an output file written from one input file
   * ({@code convert --per-file}): that input file, kept as {@code lakemr.source.file}.
   */
  public static final String OUTPUT_SOURCE_FILE = "lakemr.output.source.file";

  /**
   * The size, in bytes, at which a task closes its output file and goes on in a new one
   * ({@code part-m-00000-1.parquet}, ...), as the file format measures what it has written or
   * buffered; checked after each batch, so files end a little above it: {@value} (no limit).
   * Set by {@code convert --target-file-size}.
   */
  public static final String OUTPUT_FILE_MAX_BYTES = "lakemr.output.file.max.bytes";
  public static final long OUTPUT_FILE_MAX_BYTES_DEFAULT = 0L;

  /**
   * The most rows a task writes to one output file before it goes on in a new one: {@value}
   * (no limit). Set by {@code convert --max-rows-per-file}.
   */
  public static final String OUTPUT_FILE_MAX_ROWS = "lakemr.output.file.max.rows";
  public static final long OUTPUT_FILE_MAX_ROWS_DEFAULT = 0L;

  /**
   * How long, in milliseconds, after a run's last heartbeat it counts as dead, so that the next
   * run on its output may take its lock over and finish or remove what it left: {@value}
   * (5 minutes). Runs renew their heartbeat every tenth of this.
   */
  public static final String OUTPUT_LEASE_EXPIRY_MS = "lakemr.output.lease.expiry.ms";
  public static final long OUTPUT_LEASE_EXPIRY_MS_DEFAULT = 300_000L;

  /**
   * How long, in milliseconds, an {@code append} run waits for another run's lock on the output
   * before it gives up publishing (exit 3, nothing published): {@value} (5 minutes).
   */
  public static final String OUTPUT_LOCK_WAIT_MS = "lakemr.output.lock.wait.ms";
  public static final long OUTPUT_LOCK_WAIT_MS_DEFAULT = 300_000L;

  /**
   * Directory where a failing task leaves a one-line description of its failure, so the
   * driver can name the file, row group or group that failed, locally as on YARN.
   */
  public static final String JOB_FAILURE_DIR = "lakemr.job.failure.dir";

  // ---- convert ----

  /**
   * Avro record schema (JSON) of the rows a convert task handles: the columns read, then the
   * derived ones, as the map-side transform hands them on.
   */
  public static final String CONVERT_ROW_SCHEMA = "lakemr.convert.row.schema";

  /** The {@code --sort-by} terms of a convert job, {@code col asc,col desc}; unset for none. */
  public static final String CONVERT_SORT_BY = "lakemr.convert.sort.by";

  /**
   * The input roots of a {@code convert --per-file} job, qualified and comma-separated
   * (escaped as {@code StringUtils.escapeString} does): each input file's output keeps its path
   * below the root it was found under. Unset for other jobs.
   */
  public static final String CONVERT_PER_FILE_ROOTS = "lakemr.convert.per-file.roots";

  /**
   * Whether a shuffling {@code convert} with partition columns samples its input while planning
   * and spreads a partition holding more than its share of rows over several reducers:
   * {@value}. Off, each partition's rows all go to one reducer.
   */
  public static final String CONVERT_SKEW_ENABLED = "lakemr.convert.skew.enabled";
  public static final boolean CONVERT_SKEW_ENABLED_DEFAULT = true;

  /**
   * A partition is spread when its sampled share of the rows passes this many times a
   * reducer's fair share (1 / reducers): {@value}.
   */
  public static final String CONVERT_SKEW_FACTOR = "lakemr.convert.skew.factor";
  public static final double CONVERT_SKEW_FACTOR_DEFAULT = 1.5;

  /** Splits the skew sample reads from, spread evenly over the split list: {@value}. */
  public static final String CONVERT_SKEW_SAMPLE_SPLITS = "lakemr.convert.skew.sample.splits";
  public static final int CONVERT_SKEW_SAMPLE_SPLITS_DEFAULT = 20;

  /** Input rows the skew sample reads in all, the first rows of each sampled split: {@value}. */
  public static final String CONVERT_SKEW_SAMPLE_ROWS = "lakemr.convert.skew.sample.rows";
  public static final int CONVERT_SKEW_SAMPLE_ROWS_DEFAULT = 20_000;

  /**
   * The summary of a shuffling {@code convert} warns when its largest reducer's input passes
   * this many times the median reducer's: {@value}.
   */
  public static final String CONVERT_SKEW_WARN_RATIO = "lakemr.convert.skew.warn.ratio";
  public static final double CONVERT_SKEW_WARN_RATIO_DEFAULT = 2.0;

  /**
   * The partitions a {@code convert} job spreads over several reducers, set by the command from
   * its sample: comma-separated {@code prefix:first:count:share}, the partition's encoded key
   * prefix in base64, its first reducer, how many reducers (from the first on, wrapping round)
   * and its sampled share of the rows. Unset when no partition is spread.
   */
  public static final String CONVERT_SKEW_PARTITIONS = "lakemr.convert.skew.partitions";

  /**
   * The most output files a map task of a {@code convert} that writes its partitions map-side
   * ({@code --partition-plan map-side}) keeps open at once: {@value}. When a partition needs a
   * file with that many open, the least recently written is closed, and later rows of its
   * partition go to a further file. Each open Parquet file buffers a row group, bounded so that
   * all of them fit in {@link #CONVERT_MAP_SIDE_MEMORY_FRACTION} of the task heap.
   */
  public static final String CONVERT_MAP_SIDE_MAX_OPEN_WRITERS = "lakemr.convert.map-side.max-open-writers";
  public static final int CONVERT_MAP_SIDE_MAX_OPEN_WRITERS_DEFAULT = 32;

  /**
   * Share of the task heap a map task writing partitions map-side uses: {@value}. Half holds the
   * rows gathered by partition before they are written, half the open files' row groups (each
   * at most this half over {@link #CONVERT_MAP_SIDE_MAX_OPEN_WRITERS}, and at most
   * {@code --row-group-size}). The local job runner's map tasks share its one heap.
   */
  public static final String CONVERT_MAP_SIDE_MEMORY_FRACTION = "lakemr.convert.map-side.memory.fraction";
  public static final float CONVERT_MAP_SIDE_MEMORY_FRACTION_DEFAULT = 0.4f;

  /**
   * Set by {@code convert} when the job writes its partitions map-side, without a shuffle: the
   * map tasks gather their rows by partition and write them ({@code true}); unset otherwise.
   */
  public static final String CONVERT_MAP_SIDE = "lakemr.convert.map-side";

  // ---- input, set on jobs by the commands ----

  /**
   * Whether no input file (or store) may be cut into several splits, so one task reads each
   * whole; small files still share a split up to the usual split size. Set by
   * {@code convert --per-file}; unset means false.
   */
  public static final String INPUT_WHOLE_FILES = "lakemr.input.whole-files";

  /**
   * Set in a task's configuration by lakemr's record readers: the file (or store) the batch
   * just handed to the mapper was read from, as Hadoop's {@code mapreduce.map.input.file} is
   * for a plain file split.
   */
  public static final String INPUT_CURRENT_FILE = "lakemr.input.current.file";

  /**
   * Input files (or stores) a job leaves out of its input, qualified and comma-separated
   * (escaped as {@code StringUtils.escapeString} does). Set by {@code convert --skip-existing}
   * for the files whose output is already there; unset for none.
   */
  public static final String INPUT_SKIP_FILES = "lakemr.input.skip.files";

  /**
   * A file listing a job's input files with their lengths, modification times and partition
   * values ({@code io.lakemr.formats.InputManifest}), read instead of listing the input paths:
   * set when the files come from a table's log rather than from a directory listing; unset
   * means the input paths are listed.
   */
  public static final String INPUT_MANIFEST = "lakemr.input.manifest";

  // ---- catalog ----

  /**
   * The catalog's directory: one small JSON file per table name, {@code NAME.json}, holding the
   * table's location; {@code table:NAME} is looked up there. Default {@value}, the work
   * directory of a local run ({@code LAKEMR_WORK_DIR}); when the default file system is not
   * the local one and this is not set, naming a table is refused. Set it on a cluster, e.g.
   * {@code hdfs:///lake/_catalog}.
   */
  public static final String CATALOG_DIR = "lakemr.catalog.dir";
  public static final String CATALOG_DIR_DEFAULT = "${lakemr.work.dir}/catalog";

  // ---- generate ----

  /** Rows the generator writes in all. */
  public static final String GENERATE_ROWS = "lakemr.generate.rows";

  /** Number of files the generator writes. */
  public static final String GENERATE_FILES = "lakemr.generate.files";

  /** Seed of the generator: {@value}. */
  public static final String GENERATE_SEED = "lakemr.generate.seed";
  public static final long GENERATE_SEED_DEFAULT = 42L;

  /** Rows per chunk of each array {@code generate --format zarr} writes: {@value}. */
  public static final String GENERATE_ZARR_CHUNK_ROWS = "lakemr.generate.zarr.chunk.rows";
  public static final int GENERATE_ZARR_CHUNK_ROWS_DEFAULT = 65_536;

  /** Compressor of the chunks {@code generate --format zarr} writes, {@code zlib} or {@code none}: {@value}. */
  public static final String GENERATE_ZARR_COMPRESSOR = "lakemr.generate.zarr.compressor";
  public static final String GENERATE_ZARR_COMPRESSOR_DEFAULT = "zlib";

  // ---- plan ----

  /** Rows {@code plan} reads, at most, through the job's record reader to estimate groups and sizes: {@value}. */
  public static final String PLAN_SAMPLE_ROWS = "lakemr.plan.sample.rows";
  public static final long PLAN_SAMPLE_ROWS_DEFAULT = 100_000L;

  /** Splits {@code plan} reads the first rows of, at most, spread over the job's splits: {@value}. */
  public static final String PLAN_SAMPLE_SPLITS = "lakemr.plan.sample.splits";
  public static final int PLAN_SAMPLE_SPLITS_DEFAULT = 8;

  // ---- Java API (io.lakemr.api) ----

  /** Class of the input format a job set up with {@code LakemrInput.configure} reads through. */
  public static final String API_INPUT_FORMAT_CLASS = "lakemr.api.input.format.class";

  /** Avro record schema (JSON) of the batches a mapper of {@code LakemrInput.configure} receives. */
  public static final String API_INPUT_SCHEMA = "lakemr.api.input.schema";

  /** Avro record schema (JSON) of the rows an {@code OutputWriter} takes: file and partition columns. */
  public static final String API_OUTPUT_SCHEMA = "lakemr.api.output.schema";

  // ---- progress ----

  /**
   * How a command shows its jobs' progress on stderr: {@code auto} (one line per stage, rewritten
   * in place, when a person is at a terminal, else plain lines), {@code tty} (always rewritten),
   * {@code plain} (a new line at most every {@link #PROGRESS_INTERVAL_SECONDS}) or {@code off}:
   * {@value}. With {@code auto}, the environment variable {@value #PROGRESS_ENV} decides when set.
   */
  public static final String PROGRESS = "lakemr.progress";
  public static final String PROGRESS_DEFAULT = "auto";

  /** The environment variable that overrides {@code lakemr.progress=auto}: {@value}. */
  public static final String PROGRESS_ENV = "LAKEMR_PROGRESS";

  /** Least seconds between two plain progress lines of a stage (its first and last line always print): {@value}. */
  public static final String PROGRESS_INTERVAL_SECONDS = "lakemr.progress.interval.seconds";
  public static final int PROGRESS_INTERVAL_SECONDS_DEFAULT = 5;
}
