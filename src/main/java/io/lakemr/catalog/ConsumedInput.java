package io.lakemr.catalog;

/**
 * An input file a commit's job read, as it was then: an incremental run compares the files it
 * lists with these and reads only the new ones, and stops when one of these has changed.
 *
 * @param path the qualified path
 * @param length its length in bytes
 * @param modificationTime its modification time, epoch milliseconds
 */
public record ConsumedInput(String path, long length, long modificationTime) {
}
