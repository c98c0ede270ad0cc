package io.lakemr.formats.zarr;

/**
 * One chunk (or shard) file found by listing an array: the index along dimension 0 of the grid
 * chunk it holds, its stored bytes, and the hosts of its (first) block.
 *
 * @param row the grid index along dimension 0
 * @param bytes stored bytes
 * @param hosts hosts holding the file's data, maybe empty
 */
public record ZarrStoredChunk(long row, long bytes, String[] hosts) {

  public ZarrStoredChunk {
    hosts = hosts.clone();
  }

  @Override
  public String[] hosts() {
    return hosts.clone();
  }
}
