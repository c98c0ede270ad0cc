package io.lakemr.catalog;

/**
 * What a commit records of one column of one data file, each part optional (null when not
 * known): the least and greatest value (numbers as numbers, other values as their text) and
 * the number of nulls.
 */
public record ColumnStats(Object min, Object max, Long nullCount) {
}
