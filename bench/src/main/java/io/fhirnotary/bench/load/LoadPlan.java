package io.fhirnotary.bench.load;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which a corpus is posted: hospital bundles, then practitioner bundles, then patient
 * bundles.
 *
 * <p>Hospital and practitioner bundles go one at a time: they create shared resources with
 * conditional creates ({@code ifNoneExist}), and two conditional creates for the same identifier
 * racing in parallel can both create. Patient bundles only <em>refer</em> to shared resources, so
 * they may be posted concurrently; they go largest first, so that one big record does not end up
 * running alone while the other workers idle (longest-processing-time-first scheduling).
 */
public record LoadPlan(List<LoadPhase> phases) {

  public LoadPlan {
    phases = List.copyOf(phases);
  }

  public static LoadPlan of(Collection<BundleFile> bundles) {
    Comparator<BundleFile> byName = Comparator.comparing(BundleFile::fileName);
    Comparator<BundleFile> largestFirst =
        Comparator.comparingLong(BundleFile::sizeBytes).reversed().thenComparing(byName);
    return new LoadPlan(
        List.of(
            new LoadPhase("hospitals", select(bundles, BundleKind.HOSPITAL, byName), false),
            new LoadPhase("practitioners", select(bundles, BundleKind.PRACTITIONER, byName), false),
            new LoadPhase("patients", select(bundles, BundleKind.PATIENT, largestFirst), true)));
  }

  private static List<BundleFile> select(
      Collection<BundleFile> bundles, BundleKind kind, Comparator<BundleFile> order) {
    return bundles.stream().filter(b -> b.kind() == kind).sorted(order).toList();
  }

  /** Every bundle in posting order (concurrent phases start in this order, too). */
  public List<BundleFile> bundles() {
    return phases.stream().flatMap(phase -> phase.bundles().stream()).toList();
  }

  public int bundleCount() {
    return phases.stream().mapToInt(phase -> phase.bundles().size()).sum();
  }

  public long entryCount() {
    return bundles().stream().mapToLong(BundleFile::entries).sum();
  }

  public long sizeBytes() {
    return bundles().stream().mapToLong(BundleFile::sizeBytes).sum();
  }

  public int count(BundleKind kind) {
    return (int) bundles().stream().filter(b -> b.kind() == kind).count();
  }
}
