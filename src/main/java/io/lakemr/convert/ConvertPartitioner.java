package io.lakemr.convert;

import io.lakemr.data.GroupKey;
import io.lakemr.data.GroupKeyCodec;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Partitioner;

/**
 * Sends each row of a shuffling {@code convert} job to a reducer: by a hash of its partition
 * values (the key's prefix, see {@link ConvertPlan}), so that all rows of an output partition
 * meet in one reducer and are written into as few files as the file limits allow, except the
 * partitions the job's {@link SkewPlan} spreads, whose rows go to one reducer of their run by a
 * hash of the whole row (each of those reducers writing its own files); without
 * partition columns (only {@code --sort-by}), by a hash of the whole row, which spreads rows
 * evenly however few distinct sort values there are.
 */
public final class ConvertPartitioner extends Partitioner<GroupKey, BytesWritable> implements Configurable {

  private Configuration conf;
  private GroupKeyCodec partitionCodec;
  private int partitionColumns;
  private SkewPlan skew;

  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    ConvertPlan plan = ConvertPlan.load(conf);
    partitionCodec = plan.partitionCodec();
    partitionColumns = plan.partitionColumns().size();
    skew = SkewPlan.load(conf, conf.getInt(MRJobConfig.NUM_REDUCES, 1));
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  @Override
  public int getPartition(GroupKey key, BytesWritable row, int reducers) {
    if (partitionColumns > 0) {
      int prefix = partitionCodec.prefixLength(key.getBytes(), 0, partitionColumns);
      return skew.reducer(key.getBytes(), prefix, row.getBytes(), row.getLength(), reducers);
    }
    return (WritableComparator.hashBytes(row.getBytes(), 0, row.getLength()) & Integer.MAX_VALUE) % reducers;
  }
}
