package io.fhirnotary.bench.load;

import java.util.Optional;

/**
 * What became of one posted bundle.
 *
 * @param storedEntries entries the server reports as stored (all of them for a transaction that
 *     succeeded; the successful ones of a batch)
 * @param error HTTP status and server diagnostics when the bundle failed; never bundle content
 */
public record UploadOutcome(boolean succeeded, int storedEntries, Optional<String> error) {

  public static UploadOutcome stored(int entries) {
    return new UploadOutcome(true, entries, Optional.empty());
  }

  public static UploadOutcome failed(int storedEntries, String error) {
    return new UploadOutcome(false, storedEntries, Optional.of(error));
  }
}
