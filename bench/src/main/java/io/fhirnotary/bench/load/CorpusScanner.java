package io.fhirnotary.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the bundles of a corpus folder ({@code *.json}, not recursive) and sizes them up. */
public final class CorpusScanner {

  private final BundleEntryCounter entryCounter;

  public CorpusScanner(BundleEntryCounter entryCounter) {
    this.entryCounter = entryCounter;
  }

  public List<BundleFile> scan(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("not a directory: " + directory);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .toList();
    }
    List<BundleFile> bundles = new ArrayList<>(files.size());
    for (Path file : files) {
      int entries;
      try (InputStream in = Files.newInputStream(file)) {
        entries = entryCounter.count(in);
      } catch (IOException e) {
        throw new IOException(
            "cannot read " + file.getFileName() + " as a bundle: " + e.getMessage(), e);
      }
      String name = file.getFileName().toString();
      bundles.add(new BundleFile(file, BundleKind.ofFileName(name), Files.size(file), entries));
    }
    return bundles;
  }
}
