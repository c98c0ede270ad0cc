package io.lakemr.drivers;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak live heap of this JVM: the most heap in use just after a garbage collection, what a
 * job needs to fit (the peak before a collection only says how lazily the collector ran). For
 * the summaries of local runs and benchmarks.
 */
final class Memory {

  private final AtomicLong peakLive = new AtomicLong();

  private Memory() {
  }

  /** Starts watching collections; call early. */
  static Memory watch() {
    Memory m = new Memory();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
              used += u.getUsed();
            }
            m.peakLive.accumulateAndGet(used, Math::max);
          }
        }, null, null);
      }
    }
    return m;
  }

  /** The peak live heap seen so far, or the heap in use now when no collection has run. */
  long peakLiveBytes() {
    long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = peakLive.get();
    return peak > 0 ? peak : now;
  }
}
