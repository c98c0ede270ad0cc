package io.lakemr.mappers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.GroupKey;
import io.lakemr.data.TopN;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The mapper of the sort job of {@code --order-by ... --limit N}: passes on only the N
 * smallest sort keys of its split (a bounded heap of N rows), so the one reducer merges at
 * most N rows per map task.
 */
public class TopNMapper extends Mapper<GroupKey, BytesWritable, GroupKey, BytesWritable> {

  private TopN top;

  @Override
  protected void setup(Context context) {
    long n = context.getConfiguration().getLong(LakemrConfig.ORDER_LIMIT, LakemrConfig.ORDER_LIMIT_DEFAULT);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalStateException(LakemrConfig.ORDER_LIMIT + " is " + n + ": not a top-N job");
    }
    top = new TopN((int) n);
  }

  @Override
  protected void map(GroupKey key, BytesWritable value, Context context) {
    top.offer(key.getBytes(), key.getLength(), value.getBytes(), value.getLength());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    GroupKey k = new GroupKey();
    BytesWritable v = new BytesWritable();
    for (TopN.Entry e : top.sorted()) {
      k.set(e.key(), 0, e.key().length);
      v.set(e.value(), 0, e.value().length);
      context.write(k, v);
    }
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
