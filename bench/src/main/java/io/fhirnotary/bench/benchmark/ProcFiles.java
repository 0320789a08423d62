package io.fhirnotary.bench.benchmark;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads "key: value" lines as Linux writes them in /proc/[pid]/status, /proc/meminfo,
 * /proc/cpuinfo.
 */
public final class ProcFiles {

  private ProcFiles() {}

  /** The value of the first line whose key is {@code key}, trimmed. */
  public static Optional<String> field(String text, String key) {
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
        return Optional.of(line.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** A "123456 kB" field as a number of KiB. */
  public static OptionalLong kibibytes(String text, String key) {
    Optional<String> value = field(text, key);
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    String[] parts = value.get().split("\\s+");
    if (parts.length != 2 || !parts[1].equals("kB")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(parts[0]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
