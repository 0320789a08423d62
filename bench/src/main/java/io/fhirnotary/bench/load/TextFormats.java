package io.fhirnotary.bench.load;

import java.time.Duration;
import java.util.Locale;

/** Number and duration formats shared by the progress line and the summaries. */
public final class TextFormats {

  private TextFormats() {}

  /** {@code 41366 -> "41,366"}, independent of the machine's locale. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code 83.42 s -> "83.4 s"}. */
  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  /** A wall clock reading: {@code "0:07"}, {@code "12:34"}, {@code "1:02:03"}. */
  public static String clock(Duration duration) {
    long total = duration.toSeconds();
    long hours = total / 3600;
    long minutes = (total % 3600) / 60;
    long seconds = total % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds)
        : String.format(Locale.ROOT, "%d:%02d", minutes, seconds);
  }

  /** {@code 123456789 -> "117.7 MiB"}. */
  public static String bytes(long bytes) {
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
