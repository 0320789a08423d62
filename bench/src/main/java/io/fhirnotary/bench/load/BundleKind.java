package io.fhirnotary.bench.load;

/**
 * What a Synthea bundle holds, told apart by Synthea's file naming. The kind decides the load
 * order: patient bundles point at Organizations, Locations and Practitioners through conditional
 * references ({@code Organization?identifier=...}), which only resolve once the hospital and
 * practitioner bundles are stored.
 */
public enum BundleKind {
  /** {@code hospitalInformation*.json}: a batch of Organizations and Locations. */
  HOSPITAL,
  /** {@code practitionerInformation*.json}: a batch of Practitioners and PractitionerRoles. */
  PRACTITIONER,
  /** Any other bundle: one patient's transaction. */
  PATIENT;

  public static BundleKind ofFileName(String fileName) {
    if (fileName.startsWith("hospitalInformation")) {
      return HOSPITAL;
    }
    if (fileName.startsWith("practitionerInformation")) {
      return PRACTITIONER;
    }
    return PATIENT;
  }
}
