package io.fhirnotary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPlanTests {

  private static BundleFile bundle(String name, long size, int entries) {
    return new BundleFile(Path.of("corpus", name), BundleKind.ofFileName(name), size, entries);
  }

  @Test
  void tellsBundleKindsApartBySyntheaFileNames() {
    assertThat(BundleKind.ofFileName("hospitalInformation1735689600000.json"))
        .isEqualTo(BundleKind.HOSPITAL);
    assertThat(BundleKind.ofFileName("practitionerInformation1735689600000.json"))
        .isEqualTo(BundleKind.PRACTITIONER);
    assertThat(BundleKind.ofFileName("Jessie665_Glover433_1e621f4c.json"))
        .isEqualTo(BundleKind.PATIENT);
  }

  @Test
  void postsHospitalsThenPractitionersThenPatients() {
    LoadPlan plan =
        LoadPlan.of(
            List.of(
                bundle("Anna1_A.json", 10, 3),
                bundle("practitionerInformation2.json", 5, 2),
                bundle("Zoe9_Z.json", 30, 7),
                bundle("hospitalInformation2.json", 4, 1),
                bundle("practitionerInformation1.json", 5, 2),
                bundle("hospitalInformation1.json", 4, 1)));

    assertThat(plan.bundles())
        .extracting(BundleFile::fileName)
        .containsExactly(
            "hospitalInformation1.json",
            "hospitalInformation2.json",
            "practitionerInformation1.json",
            "practitionerInformation2.json",
            "Zoe9_Z.json",
            "Anna1_A.json");
  }

  @Test
  void postsSharedResourcesOneAtATimeAndPatientsConcurrently() {
    LoadPlan plan =
        LoadPlan.of(List.of(bundle("hospitalInformation1.json", 1, 1), bundle("P.json", 1, 1)));

    assertThat(plan.phases())
        .extracting(LoadPhase::name)
        .containsExactly("hospitals", "practitioners", "patients");
    assertThat(plan.phases()).extracting(LoadPhase::concurrent).containsExactly(false, false, true);
  }

  @Test
  void ordersPatientBundlesLargestFirstAndEqualSizesByName() {
    LoadPlan plan =
        LoadPlan.of(
            List.of(
                bundle("B.json", 100, 1),
                bundle("small.json", 1, 1),
                bundle("A.json", 100, 1),
                bundle("huge.json", 9_000, 1)));

    assertThat(plan.phases().get(2).bundles())
        .extracting(BundleFile::fileName)
        .containsExactly("huge.json", "A.json", "B.json", "small.json");
  }

  @Test
  void countsBundlesEntriesAndBytesOverAllPhases() {
    LoadPlan plan =
        LoadPlan.of(
            List.of(
                bundle("hospitalInformation1.json", 10, 29),
                bundle("practitionerInformation1.json", 20, 28),
                bundle("P1.json", 300, 345),
                bundle("P2.json", 400, 1400)));

    assertThat(plan.bundleCount()).isEqualTo(4);
    assertThat(plan.entryCount()).isEqualTo(29 + 28 + 345 + 1400);
    assertThat(plan.sizeBytes()).isEqualTo(730);
    assertThat(plan.count(BundleKind.PATIENT)).isEqualTo(2);
  }
}
