package io.lakemr.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/** Reads what a command wrote to its output's {@code _lakemr.json}. */
public final class JobSummaries {

  private JobSummaries() {
  }

  /** A counter summed over every job the command ran; -1 when no job has it. */
  public static long counter(Path output, Enum<?> counter) throws IOException {
    JsonNode jobs = new ObjectMapper().readTree(output.resolve("_lakemr.json").toFile()).path("counters");
    long sum = -1;
    for (Iterator<JsonNode> it = jobs.elements(); it.hasNext(); ) {
      JsonNode value = it.next().path(counter.getDeclaringClass().getName()).path(counter.name());
      if (value.isNumber()) {
        sum = Math.max(sum, 0) + value.asLong();
      }
    }
    return sum;
  }
}
