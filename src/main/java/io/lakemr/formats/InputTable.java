package io.lakemr.formats;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.TableSchema;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;

/**
 * An input opened on the client by {@link InputFormatDescriptor#open}: the table it holds and
 * how a job reads it.
 */
public interface InputTable {

  /** The table the input holds: its columns, then the partition-directory columns. */
  TableSchema schema();

  /**
   * Sets the job's input format to read these paths and columns (a projection of
   * {@link #schema()}), with this input's options.
   */
  void configure(Job job, List<String> inputPaths, Schema readSchema);

  /**
   * Hands filter conjuncts to the input format so it can skip what cannot match. Inputs that
   * cannot use them ignore them (the default): the rows still pass the whole filter in the
   * mapper.
   */
  default void setPushdown(Job job, List<ColumnPredicate> predicates) {
  }

  /**
   * What pushdown skipped, for a job summary, e.g. {@code 3 of 10 row groups skipped}. By
   * default nothing, in the words of the formats that skip row groups.
   */
  default String pushdownSummary(Counters counters) {
    return "0 of 0 row groups skipped";
  }

  /**
   * What the metadata of these files (a pruned listing of this input) says of their rows and
   * storage units, what these conjuncts let a job skip, and the rows of each of the job's
   * splits; null (the default) when the format cannot tell without reading data.
   *
   * @param splits the splits this input's format planned for the job
   * @throws IOException when the metadata cannot be read
   */
  default InputFacts facts(Configuration conf, InputFiles files, List<ColumnPredicate> predicates,
      List<InputSplit> splits) throws IOException {
    return null;
  }

  /** A new instance of the input format {@link #configure} sets, to read splits directly. */
  InputFormat<NullWritable, VectorizedRowBatch> newInputFormat();

  /** The counter of rows read. */
  Enum<?> rowsCounter();

  /** The counter of stored bytes read. */
  Enum<?> bytesCounter();
}
