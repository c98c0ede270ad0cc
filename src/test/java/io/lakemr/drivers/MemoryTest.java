package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.junit.jupiter.api.Test;

/** The peak live heap counts the heap's pools only, not class metadata or compiled code. */
class MemoryTest {

  @Test
  void thePeakLiveHeapLeavesOutNonHeapPools() throws Exception {
    Memory memory = Memory.watch();
    long nonHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.NON_HEAP) {
        nonHeap += pool.getUsage().getUsed();
      }
    }
    System.gc();
    Thread.sleep(200); // the collection's notification arrives on another thread
    long heapNow = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long peak = memory.peakLiveBytes();
    assertTrue(peak > 0);
    assertTrue(peak < heapNow + nonHeap / 2, "peak " + peak + " counts more than the heap in use, " + heapNow
        + ", with " + nonHeap + " bytes of non-heap pools");
  }
}
