package io.lakemr.formats.output;

import io.lakemr.data.BatchRow;
import io.lakemr.data.Column;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows to a Parquet file through parquet-java's {@link ParquetWriter}, with the
 * Avro-compatible schema and footer of {@link BatchWriteSupport}.
 *
 * <p>Types: boolean as {@code boolean}; int as {@code int32}; long as {@code int64}; float and
 * double as such; date as {@code int32 (DATE)}; timestamp as
 * {@code int64 (TIMESTAMP(MILLIS,true))}; string as {@code binary (STRING)}; bytes as
 * {@code binary}. Every column is {@code optional}. Compression, row-group and page sizes and
 * the bloom-filter columns come from {@link ParquetWriteOptions}; page checksums and
 * parquet-java's column and offset indexes are always written.
 */
public final class ParquetBatchWriter implements BatchWriter {

  private final Path file;
  private final ParquetWriter<BatchRow> writer;
  private final BatchRow row = new BatchRow();
  private final int columnCount;
  private long rows;
  private boolean closed;

  /** Creates {@code file} (it must not exist), with options read from {@code conf}. */
  public ParquetBatchWriter(Configuration conf, Path file, List<Column> columns)
      throws IOException {
    this(conf, file, columns, ParquetWriteOptions.from(conf));
  }

  /** Creates {@code file} (it must not exist) with the given options. */
  public ParquetBatchWriter(Configuration conf, Path file, List<Column> columns,
      ParquetWriteOptions options) throws IOException {
    this.file = file;
    this.columnCount = columns.size();
    BatchWriteSupport support = new BatchWriteSupport(columns);
    Builder builder = new Builder(HadoopOutputFile.fromPath(file, conf), support)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(options.codec())
        .withRowGroupSize(options.rowGroupBytes())
        .withPageSize(options.pageBytes())
        .withPageRowCountLimit(options.pageRows())
        .withDictionaryEncoding(options.dictionary())
        .withPageWriteChecksumEnabled(true);
    for (String column : options.bloomColumns()) {
      builder.withBloomFilterEnabled(column, true);
    }
    this.writer = builder.build();
  }

  @Override
  public void write(VectorizedRowBatch batch) throws IOException {
    if (closed) {
      throw new IOException("Parquet writer of " + file + " is closed");
    }
    if (batch.numCols < columnCount) {
      throw new IllegalArgumentException("batch has " + batch.numCols + " columns, "
          + file + " has " + columnCount);
    }
    row.of(batch);
    int n = batch.size;
    if (batch.selectedInUse) {
      int[] sel = batch.selected;
      for (int j = 0; j < n; j++) {
        writer.write(row.at(sel[j]));
      }
    } else {
      for (int j = 0; j < n; j++) {
        writer.write(row.at(j));
      }
    }
    rows += n;
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public long bytesWritten() {
    return writer.getDataSize();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
  }

  /** The builder parquet-java asks for, bound to one write support. */
  private static final class Builder extends ParquetWriter.Builder<BatchRow, Builder> {

    private final BatchWriteSupport support;

    Builder(OutputFile file, BatchWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<BatchRow> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
