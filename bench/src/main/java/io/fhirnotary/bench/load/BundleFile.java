package io.fhirnotary.bench.load;

import java.nio.file.Path;

/** One bundle on disk, with the facts the loader needs before posting it. */
public record BundleFile(Path path, BundleKind kind, long sizeBytes, int entries) {

  public String fileName() {
    return path.getFileName().toString();
  }
}
