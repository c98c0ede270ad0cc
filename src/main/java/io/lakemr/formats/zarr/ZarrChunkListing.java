package io.lakemr.formats.zarr;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The chunk files of an array, found by listing its folder recursively with located statuses
 * ({@code listFiles}, which on HDFS is one {@code listLocatedStatus} call per directory, with
 * block locations): never one call per chunk. Files that are not chunk keys of the array
 * (metadata, strays) are left out.
 */
public final class ZarrChunkListing {

  private ZarrChunkListing() {
  }

  /** The planner's input for a mapped table: its shape and the chunk files of every array read. */
  public static ZarrSplitPlanner.Input plannerInput(ZarrStore store, ZarrTableMapping m) throws IOException {
    List<ZarrStoredChunk> chunks = new ArrayList<>();
    for (ZarrArrayMeta a : m.arraysRead()) {
      chunks.addAll(list(store, a));
    }
    return new ZarrSplitPlanner.Input(m.records(), m.rowsPerRecord(), m.unitRecords(), m.bytesPerRecord(), chunks);
  }

  /** The stored chunks of an array, in listing order. */
  public static List<ZarrStoredChunk> list(ZarrStore store, ZarrArrayMeta array) throws IOException {
    List<ZarrStoredChunk> out = new ArrayList<>();
    Path dir = store.path(array.path());
    String prefix = dir.toUri().getPath();
    if (!prefix.endsWith("/")) {
      prefix += "/";
    }
    RemoteIterator<LocatedFileStatus> it;
    try {
      it = store.fs().listFiles(dir, true);
    } catch (FileNotFoundException e) {
      return out;
    }
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      String p = s.getPath().toUri().getPath();
      if (!p.startsWith(prefix)) {
        continue;
      }
      long[] index = array.parseChunkKey(p.substring(prefix.length()));
      if (index == null) {
        continue;
      }
      BlockLocation[] blocks = s.getBlockLocations();
      String[] hosts = blocks == null || blocks.length == 0 ? new String[0] : blocks[0].getHosts();
      out.add(new ZarrStoredChunk(index.length == 0 ? 0 : index[0], s.getLen(), hosts));
    }
    return out;
  }
}
