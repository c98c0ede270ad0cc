/**
 * The public Java API of lakemr, for MapReduce jobs of your own that read and write what the
 * lakemr commands read and write.
 *
 * <p>On the client, {@link io.lakemr.api.LakemrInput#configure LakemrInput.configure} sets any
 * input lakemr reads (files, directories, globs or a catalog table {@code table:NAME}, in any
 * registered format, with a {@code --where} filter pushed down) on your {@code Job}, and
 * {@link io.lakemr.api.LakemrOutput#configure LakemrOutput.configure} sets its partitioned,
 * staged and committed output. Your mapper receives {@code NullWritable} keys and Hive
 * {@code VectorizedRowBatch} values whose columns {@link io.lakemr.api.LakemrInput#schema}
 * describes, read a row at a time through a {@link io.lakemr.api.RowView}; your reducer (or
 * mapper, in a map-only job) writes rows or whole batches with an
 * {@link io.lakemr.api.OutputWriter}. Once the job has succeeded,
 * {@link io.lakemr.api.LakemrOutput#publish} makes the output visible exactly as the commands
 * do, in the write mode asked for.
 *
 * <p>Only the types of this package are the API; every other {@code io.lakemr} package is
 * internal and may change in any release. Signatures here use only these types, the JDK,
 * Hadoop and Hive's {@code hive-storage-api} (the batch types).
 */
package io.lakemr.api;
