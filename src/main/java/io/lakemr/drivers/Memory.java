package io.lakemr.drivers;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    // a collection reports every memory pool, class metadata and code cache too: count the heap's
    Set<String> heapPools = new HashSet<>();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((n, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> u : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
              if (heapPools.contains(u.getKey())) {
                used += u.getValue().getUsed();
              }
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
