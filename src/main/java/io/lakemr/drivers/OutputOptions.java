package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.publish.OutputTarget;

/**
 * The output options of a writing command, parsed: {@code --output}, {@code --output-format},
 * {@code --compression} and {@code --mode}.
 */
record OutputOptions(String path, OutputFormatDescriptor format, String compression, OutputTarget.Mode mode) {

  /**
   * Reads the options; the codec is checked against the format by {@link #checkCompression}.
   *
   * @throws io.lakemr.conf.BadInputException for a missing output, an unknown format or mode
   */
  static OutputOptions parse(CommandLine cl) {
    String path = cl.require("output");
    OutputFormatDescriptor format = OutputFormats.parse(cl.get("output-format", LakemrConfig.OUTPUT_FORMAT_DEFAULT));
    OutputTarget.Mode mode = OutputTarget.Mode.parse(cl.get("mode", "error"));
    return new OutputOptions(path, format, cl.get("compression"), mode);
  }

  /** Refuses a codec the format does not write. */
  void checkCompression() {
    if (compression != null) {
      format.checkCompression(compression);
    }
  }
}
