package io.lakemr.catalog;

/**
 * What {@link TableLog#vacuum} deleted.
 *
 * @param removedFiles files under {@code _lakemr_removed/} deleted
 * @param unreferencedFiles data files no commit referenced deleted
 * @param bytes their bytes
 */
public record VacuumResult(long removedFiles, long unreferencedFiles, long bytes) {
}
